// QualifierMod: a quantity qualifier phrase -> its mod, from stages/numbers/qualifiers.tsv.
#include "stages/numbers/qualifier.h"

#include <cctype>

#include "pipeline/rules/word_list.h"

namespace policygraph {

std::string QualifierMod(std::string_view qualifier) {
  static const Lexicon& kMods = WordList("qualifiers");
  std::string key;
  for (char c : qualifier) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isspace(static_cast<unsigned char>(l))) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += l;
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  const LexiconEntry* e = kMods.Find(key);
  return e == nullptr || !e->attrs.is_object() ? std::string() : e->attrs.value("mod", "");
}

}  // namespace policygraph
