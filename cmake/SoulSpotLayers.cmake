# SPDX-License-Identifier: GPL-3.0-or-later
# The layers of src/ as the compiler sees them. tools/layers.conf says which part may include which;
# every part is compiled with the include roots of the parts it may use and of no other, so an
# #include that points the wrong way does not compile ("storage/database.h: No such file or
# directory"). A root is a folder in the build tree holding one link, e.g. layers/storage/storage ->
# src/core/storage, because the parts share src/core and "storage/x.h" needs a root of its own.
# tools/layer-exceptions.txt (known wrong-way includes, shrinking) widens the roots of exactly the
# files it names. tools/check-layers.sh applies the same rules before the build with clearer messages.

set(SOULSPOT_LAYERS_CONF ${PROJECT_SOURCE_DIR}/tools/layers.conf)
set(SOULSPOT_LAYER_EXCEPTIONS ${PROJECT_SOURCE_DIR}/tools/layer-exceptions.txt)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${SOULSPOT_LAYERS_CONF} ${SOULSPOT_LAYER_EXCEPTIONS})

# PART: DEPS lines -> SOULSPOT_LAYERS, SOULSPOT_LAYER_<part>_DEPS, SOULSPOT_CORE_PARTS.
set(SOULSPOT_LAYERS "")
file(STRINGS ${SOULSPOT_LAYERS_CONF} _soulspot_lines REGEX "^[a-z]+:")
foreach(_line IN LISTS _soulspot_lines)
    string(REGEX REPLACE "#.*" "" _line "${_line}")
    string(REGEX MATCH "^([a-z]+):(.*)$" _match "${_line}")
    set(_name ${CMAKE_MATCH_1})
    string(STRIP "${CMAKE_MATCH_2}" _deps)
    string(REGEX REPLACE "[ \t]+" ";" _deps "${_deps}")
    if(NOT _name STREQUAL "public")
        list(APPEND SOULSPOT_LAYERS ${_name})
        set(SOULSPOT_LAYER_${_name}_DEPS ${_deps})
    endif()
endforeach()
set(SOULSPOT_CORE_PARTS ${SOULSPOT_LAYERS})
list(REMOVE_ITEM SOULSPOT_CORE_PARTS api gui app)

# FILE INCLUDE -- REASON lines -> SOULSPOT_LAYER_EXCEPTION_FILES / _INCLUDES (parallel lists).
set(SOULSPOT_LAYER_EXCEPTION_FILES "")
set(SOULSPOT_LAYER_EXCEPTION_INCLUDES "")
if(EXISTS ${SOULSPOT_LAYER_EXCEPTIONS})
    file(STRINGS ${SOULSPOT_LAYER_EXCEPTIONS} _soulspot_lines REGEX "^src/")
    foreach(_line IN LISTS _soulspot_lines)
        if(_line MATCHES "^([^ \t]+)[ \t]+([^ \t]+)")
            list(APPEND SOULSPOT_LAYER_EXCEPTION_FILES ${CMAKE_MATCH_1})
            list(APPEND SOULSPOT_LAYER_EXCEPTION_INCLUDES ${CMAKE_MATCH_2})
        endif()
    endforeach()
endif()

# The part a path belongs to: src/core/PART/... or src/PART/... for a file, PART/... or
# core/PART/... for an include.
function(_soulspot_part_of path out)
    string(REGEX REPLACE "^src/" "" path "${path}")
    string(REGEX REPLACE "^core/" "" path "${path}")
    string(REGEX MATCH "^[^/]+" part "${path}")
    set(${out} ${part} PARENT_SCOPE)
endfunction()

# soulspot_layer_roots(<out> <part>...): the include roots that make "<part>/x.h" visible.
function(soulspot_layer_roots out)
    set(roots "")
    foreach(part IN LISTS ARGN)
        if(part IN_LIST SOULSPOT_CORE_PARTS)
            set(source ${PROJECT_SOURCE_DIR}/src/core/${part})
        else()
            set(source ${PROJECT_SOURCE_DIR}/src/${part})
        endif()
        set(root ${CMAKE_BINARY_DIR}/layers/${part})
        if(NOT IS_SYMLINK ${root}/${part})
            file(MAKE_DIRECTORY ${root})
            file(CREATE_LINK ${source} ${root}/${part} SYMBOLIC)
        endif()
        list(APPEND roots ${root})
    endforeach()
    list(REMOVE_DUPLICATES roots)
    set(${out} ${roots} PARENT_SCOPE)
endfunction()

# soulspot_apply_layer(<target> <part>): compile <target> (the code of <part>) with the roots of the
# parts it may include, plus what the exceptions need: a listed .cpp of this part gets the roots of
# the part it includes; a listed header of a part this one includes leaks its include into this one.
function(soulspot_apply_layer target part)
    if(NOT part IN_LIST SOULSPOT_LAYERS)
        message(FATAL_ERROR "${part} (${target}) is no part in tools/layers.conf")
    endif()
    set(parts ${part} ${SOULSPOT_LAYER_${part}_DEPS})
    set(visible ${parts})
    list(LENGTH SOULSPOT_LAYER_EXCEPTION_FILES count)
    if(count GREATER 0)
        math(EXPR last "${count} - 1")
        foreach(i RANGE ${last})
            list(GET SOULSPOT_LAYER_EXCEPTION_FILES ${i} file)
            list(GET SOULSPOT_LAYER_EXCEPTION_INCLUDES ${i} include)
            _soulspot_part_of(${file} file_part)
            _soulspot_part_of(${include} include_part)
            set(widened ${include_part} ${SOULSPOT_LAYER_${include_part}_DEPS})
            if(file MATCHES "\\.h$" AND file_part IN_LIST visible)
                list(APPEND parts ${widened})
            elseif(file_part STREQUAL part AND EXISTS ${PROJECT_SOURCE_DIR}/${file})
                soulspot_layer_roots(file_roots ${widened})
                set_property(SOURCE ${PROJECT_SOURCE_DIR}/${file} TARGET_DIRECTORY ${target}
                             APPEND PROPERTY INCLUDE_DIRECTORIES ${file_roots})
            endif()
        endforeach()
    endif()
    soulspot_layer_roots(roots ${parts})
    target_include_directories(${target} PRIVATE ${roots})
    if(TARGET soulspot_checks)
        add_dependencies(${target} soulspot_checks)
    endif()
endfunction()

# soulspot_checks: tools/check-layers.sh and clang-format, run before anything compiles, again only
# when an input changed (the format check per file). Off with -DSOULSPOT_CHECK_STYLE=OFF.
option(SOULSPOT_CHECK_STYLE "Check include directions and clang-format before compiling" ON)
if(SOULSPOT_CHECK_STYLE)
    set(_stamps ${CMAKE_BINARY_DIR}/checks/layers.stamp)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/checks)
    file(GLOB_RECURSE _inputs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.h)
    add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/checks/layers.stamp
        COMMAND ${PROJECT_SOURCE_DIR}/tools/check-layers.sh ${PROJECT_SOURCE_DIR}
        COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/checks/layers.stamp
        DEPENDS ${_inputs} ${SOULSPOT_LAYERS_CONF} ${PROJECT_SOURCE_DIR}/tools/check-layers.sh
                ${SOULSPOT_LAYER_EXCEPTIONS}
        COMMENT "Checking that includes point down (tools/layers.conf)" VERBATIM)

    find_program(SOULSPOT_CLANG_FORMAT NAMES clang-format clang-format-14)
    if(SOULSPOT_CLANG_FORMAT)
        file(GLOB_RECURSE _inputs CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
             ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.h
             ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
             ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h
             ${PROJECT_SOURCE_DIR}/fuzz/*.cpp ${PROJECT_SOURCE_DIR}/fuzz/*.h
             ${PROJECT_SOURCE_DIR}/tools/*.cpp ${PROJECT_SOURCE_DIR}/tools/*.h
             ${PROJECT_SOURCE_DIR}/packaging/*.cpp ${PROJECT_SOURCE_DIR}/packaging/*.h)
        foreach(_input IN LISTS _inputs)
            set(_stamp ${CMAKE_BINARY_DIR}/checks/format/${_input}.stamp)
            get_filename_component(_stamp_dir ${_stamp} DIRECTORY)
            file(MAKE_DIRECTORY ${_stamp_dir})
            add_custom_command(OUTPUT ${_stamp}
                COMMAND ${SOULSPOT_CLANG_FORMAT} --style=file --dry-run --Werror ${_input}
                COMMAND ${CMAKE_COMMAND} -E touch ${_stamp}
                DEPENDS ${PROJECT_SOURCE_DIR}/${_input} ${PROJECT_SOURCE_DIR}/.clang-format
                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} VERBATIM)
            list(APPEND _stamps ${_stamp})
        endforeach()
    else()
        message(STATUS "clang-format not found: the build does not check formatting (tools/install-deps.sh)")
    endif()
    add_custom_target(soulspot_checks DEPENDS ${_stamps})
endif()
