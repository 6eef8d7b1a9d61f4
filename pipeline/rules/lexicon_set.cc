#include "pipeline/rules/lexicon_set.h"

#include <algorithm>
#include <map>
#include <utility>

namespace policygraph {

LexiconSet::LexiconSet(const std::vector<const Lexicon*>& lexicons) : accepted_(lexicons.size(), false) {
  ByteTrie::Builder builder;
  std::vector<std::pair<uint32_t, FormEnd>> ends;  // (node, the form ending there)
  for (size_t k = 0; k < lexicons.size(); ++k) {
    const std::map<std::string, std::pair<uint32_t, bool>> forms = lexicons[k]->Forms();
    // A form that starts with whitespace starts at no word start (FormStarts): its lexicon is
    // searched on its own, at every byte.
    if (std::any_of(forms.begin(), forms.end(), [](const auto& f) { return StartsWithSpace(f.first); })) continue;
    accepted_[k] = true;
    // Forms() has each form once per lexicon: at most one end per lexicon and node.
    for (const auto& [form, info] : forms) {
      const FormEnd end{static_cast<uint32_t>(k), &lexicons[k]->entries[info.first], info.second};
      ends.push_back({builder.Insert(form), end});
    }
  }
  std::stable_sort(ends.begin(), ends.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  first_end_.assign(builder.size() + 1, 0);
  for (const auto& [node, end] : ends) ++first_end_[node + 1];
  for (size_t n = 1; n < first_end_.size(); ++n) first_end_[n] += first_end_[n - 1];
  for (auto& [node, end] : ends) ends_.push_back(end);
  trie_ = std::move(builder).Finish();
}

void LexiconSet::HitsAt(std::string_view text, std::span<const uint32_t> starts,
                        std::vector<std::vector<LexiconHit>>& hits) const {
  hits.resize(accepted_.size());
  for (std::vector<LexiconHit>& h : hits) h.clear();
  for (const uint32_t pos : starts) {
    WalkForms(
        trie_, text, pos, [&](uint32_t node) { return first_end_[node] != first_end_[node + 1]; },
        [&](uint32_t node, size_t end_pos) {
          for (uint32_t e = first_end_[node]; e < first_end_[node + 1]; ++e) {
            const FormEnd& end = ends_[e];
            if (end.initial_only && pos != 0) continue;
            // The walk goes on from `pos`: a later form of the same lexicon is a longer one.
            std::vector<LexiconHit>& found = hits[end.lexicon];
            if (!found.empty() && found.back().start == pos) found.pop_back();
            found.push_back({pos, end_pos, end.entry});
          }
        });
  }
}

}  // namespace policygraph
