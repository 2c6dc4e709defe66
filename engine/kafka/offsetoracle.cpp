#include "engine/kafka/offsetoracle.h"

namespace kmsync::engine::kafka {

OffsetOracle::~OffsetOracle() = default;

} // namespace kmsync::engine::kafka
