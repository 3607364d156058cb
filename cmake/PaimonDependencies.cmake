# Third-party libraries, all from Debian packages (scripts/install-deps.sh installs them).
# Each is required: a missing one fails the configure step with the package to install.
find_package(PkgConfig REQUIRED)

function(paimon_require_pkg var module package)
    pkg_check_modules(${var} QUIET IMPORTED_TARGET ${module})
    if(NOT ${var}_FOUND)
        message(FATAL_ERROR "${module} not found: install the Debian package ${package} "
                            "(scripts/install-deps.sh does it)")
    endif()
endfunction()

paimon_require_pkg(PM_ZSTD libzstd libzstd-dev)
paimon_require_pkg(PM_LZ4 liblz4 liblz4-dev)
paimon_require_pkg(PM_ZLIB zlib zlib1g-dev)
paimon_require_pkg(PM_SNAPPY snappy libsnappy-dev)
paimon_require_pkg(PM_JANSSON jansson libjansson-dev)

# CRoaring ships no pkg-config file in Debian 12.
find_path(PM_ROARING_INCLUDE roaring/roaring.h)
find_library(PM_ROARING_LIB roaring)
if(NOT PM_ROARING_INCLUDE OR NOT PM_ROARING_LIB)
    message(FATAL_ERROR "CRoaring not found: install the Debian package libroaring-dev")
endif()

# Tables may be read from several threads (a POSIX mutex guards their schema cache).
find_package(Threads REQUIRED)
add_library(paimon_deps INTERFACE)
target_link_libraries(paimon_deps INTERFACE PkgConfig::PM_ZSTD PkgConfig::PM_LZ4 PkgConfig::PM_ZLIB
                      PkgConfig::PM_SNAPPY PkgConfig::PM_JANSSON ${PM_ROARING_LIB} m
                      Threads::Threads)
target_include_directories(paimon_deps INTERFACE ${PM_ROARING_INCLUDE})
