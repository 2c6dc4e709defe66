#include "engine/core/recordsink.h"

namespace kmsync::engine {

RecordSink::~RecordSink() = default;

} // namespace kmsync::engine
