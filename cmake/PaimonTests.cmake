# Test registration.
#
# A test file holds functions written as TEST(name) { ... } (tests/harness/test.h). For each file
# this generates a table of its tests, builds one executable per file, and registers every test
# with ctest as "<dir>/<file>:<name>", so a single test can be run by name:
#   ctest -R 'util/varint:roundtrip'      or      build/tests/util_varint roundtrip
# Tests find the shared compat corpus through PAIMON_COMPAT_DIR.

if(NOT PAIMON_COMPAT_DIR)
    foreach(candidate "${CMAKE_SOURCE_DIR}/../shared/compat" "/work/shared/compat")
        if(EXISTS "${candidate}/run")
            get_filename_component(PAIMON_COMPAT_DIR "${candidate}" ABSOLUTE)
            break()
        endif()
    endforeach()
endif()
if(PAIMON_COMPAT_DIR)
    message(STATUS "paimon: compat corpus at ${PAIMON_COMPAT_DIR}")
else()
    message(WARNING "paimon: compat corpus not found; tests that need it will fail. "
                    "Set -DPAIMON_COMPAT_DIR=/path/to/shared/compat")
endif()

function(paimon_add_test_file source)
    file(RELATIVE_PATH rel "${CMAKE_SOURCE_DIR}/tests" "${source}")
    get_filename_component(dir "${rel}" DIRECTORY)
    get_filename_component(stem "${rel}" NAME_WE)
    string(REGEX REPLACE "^test_" "" stem "${stem}")
    string(REPLACE "/" "_" exe_dir "${dir}")
    set(exe "${exe_dir}_${stem}")
    set(label "${dir}/${stem}")

    file(STRINGS "${source}" lines REGEX "^TEST\\([A-Za-z0-9_]+\\)")
    set(names "")
    foreach(line ${lines})
        string(REGEX REPLACE "^TEST\\(([A-Za-z0-9_]+)\\).*" "\\1" name "${line}")
        list(APPEND names ${name})
    endforeach()
    if(NOT names)
        message(FATAL_ERROR "${source}: no TEST(name) found")
    endif()

    set(gen "${CMAKE_BINARY_DIR}/tests/gen/${exe}_list.c")
    set(content "/* generated from ${rel} */\n#include \"test.h\"\n")
    foreach(name ${names})
        string(APPEND content "void test_${name}(void);\n")
    endforeach()
    string(APPEND content "const pm_test_case pm_test_cases[] = {\n")
    foreach(name ${names})
        string(APPEND content "    {\"${name}\", test_${name}},\n")
    endforeach()
    string(APPEND content "    {0, 0},\n};\nconst char *pm_test_file = \"${label}\";\n")
    file(CONFIGURE OUTPUT "${gen}" CONTENT "${content}")

    add_executable(${exe} "${source}" "${gen}")
    target_link_libraries(${exe} PRIVATE paimon_test_harness paimon_static paimon_flags)
    target_include_directories(${exe} PRIVATE "${CMAKE_SOURCE_DIR}/src"
                                              "${CMAKE_SOURCE_DIR}/tests/harness")
    set_target_properties(${exe} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
    # Files named test_concurrent_* exercise concurrent use: labelled "concurrency" and
    # gathered in one target, which the ThreadSanitizer build (scripts/build.sh tsan) builds.
    set(test_labels "")
    if(stem MATCHES "^concurrent")
        set(test_labels "concurrency")
        if(NOT TARGET concurrency_tests)
            add_custom_target(concurrency_tests)
        endif()
        add_dependencies(concurrency_tests ${exe})
    endif()
    foreach(name ${names})
        add_test(NAME "${label}:${name}" COMMAND ${exe} ${name})
        if(test_labels)
            set_tests_properties("${label}:${name}" PROPERTIES LABELS "${test_labels}")
        endif()
        set_tests_properties("${label}:${name}" PROPERTIES
            ENVIRONMENT "PAIMON_COMPAT_DIR=${PAIMON_COMPAT_DIR};PAIMON_BUILD_DIR=${CMAKE_BINARY_DIR};PAIMON_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
            TIMEOUT 300 SKIP_RETURN_CODE 77)
    endforeach()
endfunction()
