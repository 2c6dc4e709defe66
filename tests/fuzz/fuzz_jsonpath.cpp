// libFuzzer target: the field-mapping JSON path parser (engine/mapping/jsonpath.h).
// Input: UTF-8 text of a path. Besides not crashing, the header's contract is checked:
// a parsed path's canonical spelling parses back to the same path, and errors have the documented code.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QString>

#include "engine/mapping/jsonpath.h"

using kmsync::engine::mapping::JsonPath;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto path = JsonPath::parse(text);
    if (!path.ok()) {
        if (path.error().code != QLatin1String("mapping.path_syntax"))
            std::abort();
        return 0;
    }
    const QString canonical = path->toString();
    const auto again = JsonPath::parse(canonical);
    if (!again.ok() || !(*again == *path)) {
        std::fprintf(stderr, "round trip failed: \"%s\" -> \"%s\"\n", text.toUtf8().constData(),
                     canonical.toUtf8().constData());
        std::abort();
    }
    return 0;
}
