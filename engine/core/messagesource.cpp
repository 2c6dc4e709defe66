#include "engine/core/messagesource.h"

namespace kmsync::engine {

MessageSource::~MessageSource() = default;

} // namespace kmsync::engine
