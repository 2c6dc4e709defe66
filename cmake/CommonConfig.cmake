# One INTERFACE target that every kmsync target links: language level, warnings and Qt hygiene.
add_library(kmsync_common_cfg INTERFACE)
target_compile_features(kmsync_common_cfg INTERFACE cxx_std_20)
target_compile_options(kmsync_common_cfg INTERFACE
  -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wold-style-cast
  $<$<BOOL:${KMSYNC_WERROR}>:-Werror>)
target_compile_definitions(kmsync_common_cfg INTERFACE
  QT_NO_CAST_TO_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  KMSYNC_VERSION="${PROJECT_VERSION}")
if(KMSYNC_SANITIZE)
  string(REPLACE ";" "," _kmsync_san "${KMSYNC_SANITIZE}")
  target_compile_options(kmsync_common_cfg INTERFACE -fsanitize=${_kmsync_san} -fno-omit-frame-pointer)
  target_link_options(kmsync_common_cfg INTERFACE -fsanitize=${_kmsync_san})
endif()
