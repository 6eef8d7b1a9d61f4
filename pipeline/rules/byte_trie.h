// ByteTrie: the shape of a trie of byte strings, laid out flat for walking: node n's children are
// in two arrays, sorted by byte, so a step reads two small arrays instead of chasing a vector per
// node; the root's children are a table by byte. What a node means (which form ends there) is
// kept by its user, in arrays indexed by node. WalkForms is the walk a lexicon search makes over
// it, with the bounds of the lexicon's regex. Used by Lexicon and LexiconSet.
#ifndef POLICYGRAPH_PIPELINE_RULES_BYTE_TRIE_H_
#define POLICYGRAPH_PIPELINE_RULES_BYTE_TRIE_H_

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace policygraph {

class ByteTrie {
 public:
  // Builds a trie by inserting strings, then lays it out flat.
  class Builder {
   public:
    Builder() : children_(1) {}
    // The node where `s` ends, created with its path if needed. Node 0 is the root.
    uint32_t Insert(std::string_view s) {
      uint32_t node = 0;
      for (char c : s) {
        auto& kids = children_[node];
        auto it = std::lower_bound(kids.begin(), kids.end(), c,
                                   [](const auto& kid, char ch) { return kid.first < ch; });
        if (it != kids.end() && it->first == c) {
          node = it->second;
          continue;
        }
        const uint32_t child = static_cast<uint32_t>(children_.size());
        kids.insert(it, {c, child});
        children_.emplace_back();
        node = child;
      }
      return node;
    }
    size_t size() const { return children_.size(); }
    ByteTrie Finish() && {
      ByteTrie t;
      t.first_.reserve(children_.size());
      t.count_.reserve(children_.size());
      for (const auto& kids : children_) {
        t.first_.push_back(static_cast<uint32_t>(t.kid_bytes_.size()));
        t.count_.push_back(static_cast<uint32_t>(kids.size()));
        for (const auto& [c, child] : kids) {
          t.kid_bytes_.push_back(c);
          t.kid_nodes_.push_back(child);
        }
      }
      for (const auto& [c, child] : children_[0]) t.root_child_[static_cast<unsigned char>(c)] = child;
      return t;
    }

   private:
    std::vector<std::vector<std::pair<char, uint32_t>>> children_;
  };

  size_t size() const { return first_.size(); }  // nodes; 0 for a trie never built
  // The child of `node` for byte `c`, or 0 when none.
  uint32_t Child(uint32_t node, char c) const {
    if (node == 0) return root_child_[static_cast<unsigned char>(c)];
    const char* first = kid_bytes_.data() + first_[node];
    const char* last = first + count_[node];
    const char* it = count_[node] <= 8 ? std::find(first, last, c) : std::lower_bound(first, last, c);
    return it != last && *it == c ? kid_nodes_[static_cast<size_t>(it - kid_bytes_.data())] : 0;
  }
  bool RootHas(unsigned char c) const { return root_child_[c] != 0; }

 private:
  std::vector<uint32_t> first_, count_;  // per node: its first child in kid_bytes_ / kid_nodes_, its count
  std::vector<char> kid_bytes_;
  std::vector<uint32_t> kid_nodes_;
  std::array<uint32_t, 256> root_child_{};  // the root's child per byte; 0 when none
};

// ASCII word bytes, as RE2's \b sees them (a table: this runs for every byte of every sentence).
inline constexpr std::array<bool, 256> kAsciiWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  t['_'] = true;
  return t;
}();
inline bool IsAsciiWordByte(unsigned char c) { return kAsciiWordByte[c]; }

// Whether a lexicon form starts with whitespace: such a form starts at no word start, so a search
// that visits word starts only (FormStarts) cannot find it.
inline bool StartsWithSpace(std::string_view form) {
  return !form.empty() && std::isspace(static_cast<unsigned char>(form[0]));
}

// Walks `trie` from text[pos] as a lexicon's regex matches its forms there: a whitespace byte
// matches a space of a form, and a form needs \b before it when it starts with a word character
// and after it when it ends with one. At each node reached where `has_end(node)` and the bound
// after holds, calls on_end(node, end of the form in `text`).
template <typename HasEnd, typename OnEnd>
void WalkForms(const ByteTrie& trie, std::string_view text, size_t pos, HasEnd has_end, OnEnd on_end) {
  if (pos >= text.size()) return;
  if (pos > 0 && IsAsciiWordByte(static_cast<unsigned char>(text[pos])) &&
      IsAsciiWordByte(static_cast<unsigned char>(text[pos - 1]))) {
    return;
  }
  uint32_t node = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    node = trie.Child(node, c);
    if (node == 0) return;
    if (!has_end(node)) continue;
    if (IsAsciiWordByte(static_cast<unsigned char>(c)) && i + 1 < text.size() &&
        IsAsciiWordByte(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    on_end(node, i + 1);
  }
}

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_BYTE_TRIE_H_
