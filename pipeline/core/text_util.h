// Small ASCII text helpers shared by the stages: splitting on whitespace, collapsing it, lowering.
#ifndef POLICYGRAPH_PIPELINE_CORE_TEXT_UTIL_H_
#define POLICYGRAPH_PIPELINE_CORE_TEXT_UTIL_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace policygraph {

// The whitespace-separated words of `s` (views into it).
inline std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// `s` with every whitespace run made one space and no space at either end.
inline std::string Collapse(std::string_view s) {
  std::string out;
  for (std::string_view w : Words(s)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// `s` with ASCII letters lowercased.
inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_TEXT_UTIL_H_
