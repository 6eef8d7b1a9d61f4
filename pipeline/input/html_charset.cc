#include "pipeline/input/html_charset.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <vector>

namespace policygraph {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value after "charset" at `at` in `head` ("charset=utf-8", "charset = 'gbk'"), or "".
std::string CharsetValue(const std::string& head, size_t at) {
  size_t i = at + 7;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i >= head.size() || head[i] != '=') return std::string();
  ++i;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i < head.size() && (head[i] == '"' || head[i] == '\'')) ++i;
  const size_t start = i;
  while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' || head[i] == '_' ||
                             head[i] == '.' || head[i] == ':')) {
    ++i;
  }
  return head.substr(start, i - start);
}

}  // namespace

std::string SniffHtmlCharset(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  const std::string head = AsciiLower(bytes.substr(0, 1024));
  for (size_t meta = head.find("<meta"); meta != std::string::npos; meta = head.find("<meta", meta + 5)) {
    const size_t end = head.find('>', meta);
    const size_t at = head.find("charset", meta);
    if (at == std::string::npos || (end != std::string::npos && at > end)) continue;
    std::string name = CharsetValue(head, at);
    if (name.empty()) continue;
    if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii") name = "windows-1252";
    // A page that can declare itself in ASCII is not UTF-16: browsers read it as UTF-8.
    if (name == "utf8" || name.starts_with("utf-16")) name = "utf-8";
    return name;
  }
  return std::string();
}

StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &err), ucnv_close);
  if (U_FAILURE(err) || !conv) return Status::InvalidArgument("unknown character encoding '" + charset + "'");
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (bytes.size() >= INT32_MAX / 2) return Status::ResourceExhausted("too large to convert from " + charset);
  // Each UTF-16 unit comes from at least one byte (two for a surrogate pair from four).
  std::vector<UChar> wide(bytes.size() + 1);
  const int32_t n = ucnv_toUChars(conv.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return Status::DataLoss("not valid " + charset + " text (" + u_errorName(err) + ")");
  int32_t start = n > 0 && wide[0] == 0xFEFF ? 1 : 0;  // a byte order mark
  std::string out(static_cast<size_t>(n - start) * 3, '\0');
  int32_t len = 0;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &len, wide.data() + start, n - start, 0xFFFD,
                     nullptr, &err);
  if (U_FAILURE(err)) return Status::DataLoss("cannot convert from " + charset + " (" + u_errorName(err) + ")");
  out.resize(static_cast<size_t>(len));
  return out;
}

}  // namespace policygraph
