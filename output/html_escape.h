// Escaping for the HTML report: text and attribute values for HTML, and JSON that is safe inside
// a <script> element (no "</script>", no "<!--").
#ifndef POLICYGRAPH_OUTPUT_HTML_ESCAPE_H_
#define POLICYGRAPH_OUTPUT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

#include "pipeline/core/annotations.h"

namespace policygraph {

// Appends `s` with &, <, >, " and ' as character references, and each control character HTML
// forbids (C0 but tab, newline, return; DEL) and each NUL as U+FFFD. For text and attribute values.
void AppendHtml(std::string& out, std::string_view s);
std::string Html(std::string_view s);

// `j` serialized (invalid UTF-8 replaced) with every '<', '>' and '&' written as \u003c, \u003e,
// \u0026: its text can sit inside <script type="application/json"> whatever strings it holds.
std::string ScriptJson(const Json& j);

// The concatenation of `parts` (strings, string views, C strings), built by appending: GCC 12
// misreads `"literal" + std::string(...)` under -Werror=restrict.
template <typename... Parts>
std::string StrCat(const Parts&... parts) {
  std::string out;
  (out += ... += parts);
  return out;
}

// A CSS class name for a type name: its ASCII letters, digits, '-' and '_' kept, others as '_'.
std::string TypeClass(std::string_view type);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_HTML_ESCAPE_H_
