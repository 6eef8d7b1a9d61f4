#include "pipeline/rules/lexicon_set.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace policygraph {

LexiconSet::LexiconSet(const std::vector<const Lexicon*>& lexicons) : accepted_(lexicons.size(), false) {
  // Built with a vector of children per node, then laid out flat.
  std::vector<std::vector<std::pair<char, uint32_t>>> children(1);
  std::vector<std::vector<FormEnd>> ends(1);
  for (size_t k = 0; k < lexicons.size(); ++k) {
    const std::map<std::string, std::pair<uint32_t, bool>> forms = lexicons[k]->Forms();
    const bool space_first = std::any_of(forms.begin(), forms.end(), [](const auto& f) {
      return std::isspace(static_cast<unsigned char>(f.first[0])) != 0;
    });
    if (space_first) continue;
    accepted_[k] = true;
    for (const auto& [form, info] : forms) {
      uint32_t node = 0;
      for (char c : form) {
        auto& kids = children[node];
        auto it = std::lower_bound(kids.begin(), kids.end(), c, [](const auto& kid, char ch) { return kid.first < ch; });
        if (it != kids.end() && it->first == c) {
          node = it->second;
          continue;
        }
        const uint32_t child = static_cast<uint32_t>(children.size());
        kids.insert(it, {c, child});
        children.emplace_back();
        ends.emplace_back();
        node = child;
      }
      // Forms() has each form once per lexicon: at most one end per lexicon and node.
      ends[node].push_back({static_cast<uint32_t>(k), &lexicons[k]->entries[info.first], info.second});
    }
  }
  nodes_.resize(children.size());
  for (size_t n = 0; n < children.size(); ++n) {
    nodes_[n].first_kid = static_cast<uint32_t>(kid_bytes_.size());
    nodes_[n].kid_count = static_cast<uint32_t>(children[n].size());
    for (const auto& [c, child] : children[n]) {
      kid_bytes_.push_back(c);
      kid_nodes_.push_back(child);
    }
    nodes_[n].first_end = static_cast<uint32_t>(ends_.size());
    nodes_[n].end_count = static_cast<uint32_t>(ends[n].size());
    ends_.insert(ends_.end(), ends[n].begin(), ends[n].end());
  }
  for (const auto& [c, child] : children[0]) root_child_[static_cast<unsigned char>(c)] = child;
}

uint32_t LexiconSet::Child(uint32_t node, char c) const {
  const Node& n = nodes_[node];
  const char* first = kid_bytes_.data() + n.first_kid;
  const char* last = first + n.kid_count;
  const char* it = n.kid_count <= 8 ? std::find(first, last, c) : std::lower_bound(first, last, c);
  return it != last && *it == c ? kid_nodes_[static_cast<size_t>(it - kid_bytes_.data())] : 0;
}

void LexiconSet::HitsAt(std::string_view text, std::span<const uint32_t> starts,
                        std::vector<std::vector<LexiconHit>>& hits) const {
  hits.resize(accepted_.size());
  for (std::vector<LexiconHit>& h : hits) h.clear();
  // Per lexicon, the longest form found so far from the current start (end 0: none).
  std::vector<LexiconHit> best(accepted_.size());
  std::vector<uint32_t> touched;
  for (const uint32_t pos : starts) {
    // \b before a form that starts with a word character (FormStarts already skips those).
    if (pos > 0 && IsAsciiWordByte(static_cast<unsigned char>(text[pos])) &&
        IsAsciiWordByte(static_cast<unsigned char>(text[pos - 1]))) {
      continue;
    }
    uint32_t node = 0;
    touched.clear();
    for (size_t i = pos; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';  // a space in a form matches any whitespace byte
      node = node == 0 ? root_child_[static_cast<unsigned char>(c)] : Child(node, c);
      if (node == 0) break;
      const Node& n = nodes_[node];
      if (n.end_count == 0) continue;
      // \b after a form that ends with a word character.
      if (IsAsciiWordByte(static_cast<unsigned char>(c)) && i + 1 < text.size() &&
          IsAsciiWordByte(static_cast<unsigned char>(text[i + 1]))) {
        continue;
      }
      for (uint32_t e = n.first_end; e < n.first_end + n.end_count; ++e) {
        const FormEnd& end = ends_[e];
        if (end.initial_only && pos != 0) continue;
        LexiconHit& b = best[end.lexicon];
        if (b.end == 0) touched.push_back(end.lexicon);
        b = {pos, i + 1, end.entry};
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t k : touched) {
      hits[k].push_back(best[k]);
      best[k] = LexiconHit{};
    }
  }
}

}  // namespace policygraph
