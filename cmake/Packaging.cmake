# Installing the office server, the sync command and the bundle verifier, and their Debian
# package (CPack DEB):
#   cmake --install build [--strip]          (DESTDIR=... to stage)
#   cpack -G DEB --config build/CPackConfig.cmake -B OUTDIR   -> fieldproof_<version>_<arch>.deb
# The binaries install their own rules (sync/server, sync/client, sync/verify: bin/ and the
# sample sheet in share/fieldproof/, which fieldproof-server finds relative to itself); this file
# adds the systemd unit, its settings file, the operations guide and the package's metadata.
# docs/operations.md, "Installing the package", is the operator's side of it.

set(FIELDPROOF_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd unit installs (relative to CMAKE_INSTALL_PREFIX, or absolute)")
set(FIELDPROOF_CONF_FILE ${CMAKE_INSTALL_FULL_SYSCONFDIR}/fieldproof/server.conf)
set(FIELDPROOF_BIN_DIR ${CMAKE_INSTALL_FULL_BINDIR})
set(FIELDPROOF_DOC_DIR ${CMAKE_INSTALL_FULL_DATAROOTDIR}/doc/fieldproof)

configure_file(${PROJECT_SOURCE_DIR}/packaging/fieldproof-server.service.in
               ${PROJECT_BINARY_DIR}/packaging/fieldproof-server.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/fieldproof-server.service
        DESTINATION ${FIELDPROOF_SYSTEMD_UNIT_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/server.conf
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/fieldproof)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/fieldproof)

# The package. One package, "fieldproof", holds all three commands; the Depends line comes from
# dpkg-shlibdeps (dpkg-dev) on the binaries, plus adduser for the postinst.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "FieldProof: the DEB package will install under ${CMAKE_INSTALL_PREFIX} "
                 "(configure with -DCMAKE_INSTALL_PREFIX=/usr for a Debian layout)")
endif()
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fieldproof)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR FieldProof)
set(CPACK_PACKAGE_CONTACT "FieldProof maintainers <fieldproof@localhost>" CACHE STRING
    "The Maintainer field of the Debian package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "FieldProof office server and tablet sync command")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "fieldproof-server receives the tablets' inspections and photos, serves the office web "
  "page and runs the office's administrative commands; fieldproof-sync is the sync client "
  "on the command line. The package runs the server as the systemd service "
  "fieldproof-server (settings in /etc/fieldproof/server.conf, data in /var/lib/fieldproof).")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
# The settings file is a conffile: dpkg keeps the operator's edits on upgrade and asks.
file(WRITE ${PROJECT_BINARY_DIR}/packaging/conffiles "${FIELDPROOF_CONF_FILE}\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_BINARY_DIR}/packaging/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
