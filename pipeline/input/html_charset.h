// The character encoding of an HTML page (its byte order mark, or what its first 1024 bytes
// declare in <meta charset> or <meta http-equiv="Content-Type">), and conversion to UTF-8 (ICU).
#ifndef POLICYGRAPH_PIPELINE_INPUT_HTML_CHARSET_H_
#define POLICYGRAPH_PIPELINE_INPUT_HTML_CHARSET_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace policygraph {

// The encoding `bytes` declare, lowercase: "utf-8", "utf-16le" or "utf-16be" from a byte order
// mark, else the first <meta> charset ("shift_jis", "windows-1252"; "iso-8859-1" and "us-ascii"
// become "windows-1252", and a UTF-16 one "utf-8", as browsers read them); "" when none is declared.
std::string SniffHtmlCharset(std::string_view bytes);

// `bytes`, in encoding `charset`, as UTF-8 without a byte order mark. Errors: an encoding ICU does
// not know, a byte sequence that is not valid in it.
StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_INPUT_HTML_CHARSET_H_
