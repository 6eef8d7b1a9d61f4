// Registers the normalizers of amounts of money of stage `money` (pipeline/rules/normalizer.h).
#include "stages/money/money.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "money",
                       .required_groups = {"number"},
                       .fn = &NormalizeMoney,
                       .help = "an amount of money: groups 'number', 'currency' (or params.currency)");
PG_REGISTER_NORMALIZER(.name = "money_range",
                       .required_groups = {"number", "number2", "sep"},
                       .fn = &NormalizeMoneyRange,
                       .help = "a range of money: 'number'-'number2', 'currency'");
PG_REGISTER_NORMALIZER(.name = "money_compound",
                       .required_groups = {"number", "minor_number", "minor"},
                       .fn = &NormalizeMoneyCompound,
                       .help = "an amount in a major and a minor unit: 'number' 'currency' and 'minor_number' 'minor'");

}  // namespace policygraph
