// Registers the `geo_city` normalizer of stage `places` (pipeline/rules/normalizer.h).
#include "stages/places/geo_city.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "geo_city",
                       .required_groups = {"name"},
                       .fn = &NormalizeGeoCity,
                       .help = "a GeoNames town ('lexicon'): the 'place' guards, no capitalized word after, params cue_before/cue_after");

}  // namespace policygraph
