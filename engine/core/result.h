#pragma once

#include <utility>
#include <variant>

#include <QString>

namespace kmsync::engine {

// An error the engine reports: a stable code for programs and tests, and a message for people
// that names the field, the value and what is allowed. Messages never contain secrets.
struct Error
{
    QString code;    // e.g. "param.syntax", "kafka.topic_missing", "sink.no_such_table"
    QString message; // complete sentence(s) in English; the UI may translate by code

    friend bool operator==(const Error &, const Error &) = default;
};

// Either a value or an Error (C++20 has no std::expected yet).
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    // The value, or nullptr for an error; never throws (for destructors' paths).
    const T *valueIfOk() const noexcept { return std::get_if<0>(&m_data); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(QString code, QString message)
{
    return Error{std::move(code), std::move(message)};
}

} // namespace kmsync::engine
