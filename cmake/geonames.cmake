# Generates the places stage's GeoNames towns lexicons at build time from Debian's libgeonames
# (stages/places/geonames_cities.py says what it keeps and why). Sets PG_GENERATED_RULES_DIR (a
# tree laid out like the source's stages/) and PG_GENERATED_RULE_FILES, embedded with the rule files.
# Needs libgeonames-dev, wamerican and python3-fake-factory (scripts/setup installs them) and
# Debian's python3 (the one those Python modules are installed for).
find_program(PG_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_library(PG_GEONAMES_LIB NAMES geonames libgeonames.so.0)
set(PG_WORDS_FILE /usr/share/dict/words CACHE FILEPATH "English word list (wamerican): towns named by a word are left out")
if(NOT PG_DEBIAN_PYTHON OR NOT PG_GEONAMES_LIB OR NOT EXISTS ${PG_WORDS_FILE})
  message(FATAL_ERROR "the GeoNames towns lexicon needs /usr/bin/python3, libgeonames-dev and wamerican: run scripts/setup")
endif()
set(PG_GENERATED_RULES_DIR ${CMAKE_BINARY_DIR}/generated/rules)
set(PG_GEONAMES_MIN 50000 CACHE STRING "population of a GeoNames town kept in the lexicons (GeoNames in Debian: 15000 and up; each 10000 fewer adds about 20 ms to loading the rules)")
set(PG_GEONAMES_ARABIC_MIN 20000 CACHE STRING "population of a GeoNames town kept in a country of Arabic names")
set(PG_GEONAMES_ALONE_MIN 50000 CACHE STRING "population of a one-word GeoNames town that is a GPE without a cue")
set(PG_GEONAMES_OUT ${PG_GENERATED_RULES_DIR}/stages/places/geonames_cities.tsv
                    ${PG_GENERATED_RULES_DIR}/stages/places/geonames_cities_cued.tsv)
add_custom_command(
  OUTPUT ${PG_GEONAMES_OUT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PG_GENERATED_RULES_DIR}/stages/places
  COMMAND ${PG_DEBIAN_PYTHON} ${CMAKE_SOURCE_DIR}/stages/places/geonames_cities.py
          --places ${CMAKE_SOURCE_DIR}/stages/places/places.tsv --states ${CMAKE_SOURCE_DIR}/stages/places/us_states.tsv
          --words ${PG_WORDS_FILE} --min ${PG_GEONAMES_MIN} --arabic-min ${PG_GEONAMES_ARABIC_MIN} --alone-min ${PG_GEONAMES_ALONE_MIN}
          --alone ${PG_GENERATED_RULES_DIR}/stages/places/geonames_cities.tsv
          --cued ${PG_GENERATED_RULES_DIR}/stages/places/geonames_cities_cued.tsv
  DEPENDS ${CMAKE_SOURCE_DIR}/stages/places/geonames_cities.py ${CMAKE_SOURCE_DIR}/stages/places/places.tsv
          ${CMAKE_SOURCE_DIR}/stages/places/us_states.tsv ${PG_WORDS_FILE} ${PG_GEONAMES_LIB}
  COMMENT "Generating the GeoNames towns lexicons" VERBATIM)
set(PG_GENERATED_RULE_FILES ${PG_GEONAMES_OUT})
