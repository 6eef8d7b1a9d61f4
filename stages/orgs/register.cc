// Registers the normalizers of names found by patterns (entity_name.h: bodies and places) from
// stage `orgs` (pipeline/rules/normalizer.h).
#include "stages/orgs/entity_name.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "entity_name",
                       .fn = &NormalizeEntityName,
                       .help = "a name found by a pattern (group 'name' or the match); rejects descriptions");
PG_REGISTER_NORMALIZER(.name = "place",
                       .required_groups = {"name"},
                       .fn = &NormalizePlace,
                       .help = "'lexicon' for places, rejecting parts of longer proper names");
PG_REGISTER_NORMALIZER(.name = "city",
                       .required_groups = {"name", "region"},
                       .fn = &NormalizeCity,
                       .help = "a town no list has, before the state/province/country it lies in (group 'region')");
PG_REGISTER_NORMALIZER(.name = "town",
                       .fn = &NormalizeTown,
                       .help = "a town no list has where the context says it is a place (group 'name' or the match); rejects names of bodies and matches through group 'not_town'");

}  // namespace policygraph
