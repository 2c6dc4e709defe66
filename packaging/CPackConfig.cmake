# Debian package (scripts/package.sh: `cpack -G DEB` in a Release build dir; tests/integration/tst_package.cpp
# runs the same on the test build). The package installs under /usr:
#   usr/bin/kmsync, usr/bin/kmsync-cli              (install rules in app/ and app/gui/; translations are
#                                                    embedded in the binary as :/i18n)
#   usr/share/applications/kmsync.desktop
#   usr/share/icons/hicolor/scalable/apps/kmsync.svg
#   usr/share/kmsync/samples/{clicks-task.json,datasources.json}
# Runtime dependencies come from dpkg-shlibdeps (Qt 6, librdkafka, SQLite, simdjson, libdeflate).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/kmsync.desktop DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/kmsync.svg DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/samples/clicks-task.json ${PROJECT_SOURCE_DIR}/resources/samples/datasources.json
  DESTINATION share/kmsync/samples)

set(CPACK_PACKAGE_NAME kmsync)
set(CPACK_PACKAGE_VENDOR "kmsync")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
  "kmsync configures and runs Kafka to MaxCompute batch synchronization tasks in DataWorks script-mode JSON:\n"
  "a desktop app (kmsync) and a headless CLI (kmsync-cli), with a sandbox Kafka and a local SQLite warehouse\n"
  "for trying tasks without a cloud account. Sample task: /usr/share/kmsync/samples.")
set(CPACK_PACKAGE_CONTACT "kmsync maintainers <kmsync@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # kmsync_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# SVG icon support is a plugin (libqsvgicon), not a linked library: name its package (platform plugins come with libqt6gui6).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
include(CPack)
