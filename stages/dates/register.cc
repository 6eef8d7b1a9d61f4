// Registers the TIMEX3 normalizers of stage `dates` (pipeline/rules/normalizer.h).
#include "stages/dates/timex.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "timex_date",
                       .any_of_groups = {"year", "spelled_year", "month", "month_num", "num_a", "quarter", "half",
                                         "season", "decade", "decade2", "decade_word", "century", "weekday", "hour",
                                         "noon", "pod", "holiday"},
                       .fn = &NormalizeTimexDate,
                       .help = "TIMEX3 DATE from year/month/day/quarter/half/season/decade/century/weekday/time/holiday groups (stages/dates/timex.h)");
PG_REGISTER_NORMALIZER(.name = "timex_range",
                       .required_groups = {"from_year", "to_year"},
                       .fn = &NormalizeTimexRange,
                       .help = "TIMEX3 interval from_year/to_year, e.g. 2016/2020");
PG_REGISTER_NORMALIZER(.name = "timex_month_range",
                       .required_groups = {"from_month", "to_month", "year"},
                       .fn = &NormalizeTimexMonthRange,
                       .help = "TIMEX3 interval of months of one year: from_month/to_month year, e.g. 2023-01/2023-06");
PG_REGISTER_NORMALIZER(.name = "timex_relative",
                       .fn = &NormalizeTimexRelative,
                       .help = "TIMEX3 DATE relative to the reference date (deictic, or rel/count+dir with unit)");
PG_REGISTER_NORMALIZER(.name = "timex_duration",
                       .required_groups = {"unit"},
                       .fn = &NormalizeTimexDuration,
                       .help = "ISO 8601 duration from count and unit, e.g. P5Y");
PG_REGISTER_NORMALIZER(.name = "timex_set",
                       .any_of_groups = {"freq", "unit", "weekday", "month", "season"},
                       .fn = &NormalizeTimexSet,
                       .help = "TIMEX3 SET: frequency word, every (N) unit, each weekday");
PG_REGISTER_NORMALIZER(.name = "timex_constant",
                       .fn = &NormalizeTimexConstant,
                       .help = "the rule's 'value' (PRESENT_REF, PAST_REF, FUTURE_REF) under the dates context guards");

}  // namespace policygraph
