// The normalizer of the GeoNames towns (rules places.geonames_city and places.geonames_city_cued,
// lexicons generated at build time by stages/places/geonames_cities.py): a town is a place when
// it is no part of a longer proper name and, for the cued lexicon, when a cue stands by it.
#ifndef POLICYGRAPH_STAGES_PLACES_GEO_CITY_H_
#define POLICYGRAPH_STAGES_PLACES_GEO_CITY_H_

#include "pipeline/rules/normalizer.h"

namespace policygraph {

// Normalizer `geo_city` (group 'name', a lexicon group): the guards of the `place` normalizer (no
// street, no glued word), then stricter ones: no capitalized word, title or initial before it, even
// at the start of a sentence ("Dionne Palermo", "Ms. Hassan"), none after it ("Mosul Dam", "the
// Goma Accord" are other things' names), not glued to a lowercase suffix ("Sakai-ku"), not in brackets inside a company's name ("ETLA Technology
// (Wuxi) Co."), and not after what rule param `not_after` (a regex on the sentence text before it)
// matches ("Hurricanes Michael and Florence"); with rule params `cue_before` / `cue_after` (regexes), the
// sentence text before the town must end as the first says or the text after it start as the
// second says ("in Tulsa", "near Chattanooga", "Can Tho district").
bool NormalizeGeoCity(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_PLACES_GEO_CITY_H_
