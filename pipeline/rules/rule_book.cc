#include "pipeline/rules/rule_book.h"
#include "pipeline/rules/relation_frame.h"

#include <tbb/parallel_for.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

#include "pipeline/core/mention_types.h"
#include "pipeline/input/reader.h"
#include "pipeline/rules/embedded.h"
#include "pipeline/rules/normalizer.h"
#include "pipeline/rules/prefilter.h"
#include "pipeline/rules/rule_snapshot.h"
#include "pipeline/rules/word_list.h"

namespace policygraph {

// A bounded repetition this wide ({0,8} and wider) gets an opened twin for finding groups.
constexpr int kWideRepetition = 8;

void RulePattern::CompileMain() const {
  std::call_once(main_once_, [this] {
    re_ = std::make_unique<RE2>(pattern_, RulePatternOptions());
    mention_group_ = MentionGroup(*re_);
  });
}

void RulePattern::CompileSubmatch() const {
  std::call_once(submatch_once_, [this] {
    if (std::string open = OpenRepetitions(pattern_, kWideRepetition); open != pattern_) {
      submatch_ = std::make_unique<RE2>(open, RulePatternOptions());
      if (!submatch_->ok()) submatch_.reset();
    }
  });
}

void RulePattern::CompileMentionFilter() const {
  std::call_once(mention_filter_once_, [this] {
    if (std::string branches = BranchesOfGroup(pattern_, "mention"); !branches.empty()) {
      RE2::Options opts = RulePatternOptions();
      opts.set_never_capture(true);
      mention_filter_ = std::make_unique<RE2>(OpenRepetitions(branches), opts);
      if (!mention_filter_->ok()) mention_filter_.reset();
    }
  });
}

int MentionGroup(const RE2& re) {
  const auto& groups = re.NamedCapturingGroups();
  auto it = groups.find("mention");
  return it == groups.end() ? 0 : it->second;
}

bool FindNext(const CompiledRule& rule, std::string_view text, size_t pos, re2::StringPiece* groups, int n) {
  return FindNext(rule.re(), rule.submatch(), text, pos, groups, n);
}

bool FindNext(const RE2& re, const RE2* submatch, std::string_view text, size_t pos, re2::StringPiece* groups, int n) {
  if (submatch == nullptr || n <= 1) return re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n);
  if (!re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, 1)) return false;
  // The twin's language holds the pattern's, so it matches the same span, anchored at both ends.
  const size_t start = static_cast<size_t>(groups[0].data() - text.data());
  const size_t end = start + groups[0].size();
  return submatch->Match(text, start, end, RE2::ANCHOR_BOTH, groups, n) ||
         re.Match(text, start, end, RE2::ANCHOR_BOTH, groups, n);
}
namespace {

namespace fs = std::filesystem;

// Collects `file:line: rule ID: message` lines.
class Errors {
 public:
  Errors() = default;
  explicit Errors(std::vector<std::string> lines) : lines_(std::move(lines)) {}
  std::vector<std::string> TakeLines() { return std::move(lines_); }
  void Add(const SourceLocation& where, std::string_view rule_id, std::string_view msg) {
    std::string line = where.ToString() + ": ";
    if (!rule_id.empty()) line += "rule " + std::string(rule_id) + ": ";
    line += msg;
    lines_.push_back(std::move(line));
  }
  bool empty() const { return lines_.empty(); }
  Status ToStatus() const {
    std::string all;
    for (const std::string& l : lines_) all += l + "\n";
    if (!all.empty()) all.pop_back();
    return Status::InvalidArgument(all);
  }

 private:
  std::vector<std::string> lines_;
};

SourceLocation At(const std::string& file, const YAML::Node& node) {
  return {file, node.Mark().line >= 0 ? node.Mark().line + 1 : 0};
}

// Checks that `map` has only keys from `allowed`.
void CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& file,
               std::string_view rule_id, std::string_view what, Errors& errors) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (!allowed.count(key)) {
      std::string names;
      for (const std::string& a : allowed) names += (names.empty() ? "" : ", ") + a;
      errors.Add(At(file, kv.first), rule_id,
                 "unknown key '" + key + "' in " + std::string(what) + " (valid: " + names + ")");
    }
  }
}

enum class Shape { kString, kMap, kList };

// Checks that `node`, the value of `key`, is a string (any scalar), a map or a list; a missing or
// null node passes (read as empty). Otherwise reports `'key' must be a ...` and returns false.
bool Expect(const YAML::Node& node, Shape shape, std::string_view key, const std::string& file,
            std::string_view rule_id, Errors& errors) {
  if (!node || node.IsNull()) return true;
  if (shape == Shape::kString ? node.IsScalar() : shape == Shape::kMap ? node.IsMap() : node.IsSequence()) return true;
  const char* name = shape == Shape::kString ? "a string" : shape == Shape::kMap ? "a map" : "a list";
  errors.Add(At(file, node), rule_id, "'" + std::string(key) + "' must be " + name);
  return false;
}

// The string value of map[key] ("" when missing, null or of another shape, which is reported).
std::string StringField(const YAML::Node& map, const char* key, const std::string& file, std::string_view rule_id,
                        Errors& errors) {
  const YAML::Node node = map[key];
  return Expect(node, Shape::kString, key, file, rule_id, errors) && node && node.IsScalar() ? node.Scalar()
                                                                                               : std::string();
}

// yaml-cpp (like libyaml) lets a quoted string that is never closed run on over the lines below it,
// even those indented no deeper than its key, where YAML ends it: `pattern: 'a` then swallows the
// rules that follow. Returns the 1-based line of the first such line, or 0. `quote` is where the
// string starts; `key_column` the column of its key.
int RunawayQuoteLine(std::string_view content, const YAML::Mark& quote, int key_column) {
  if (quote.pos < 0 || static_cast<size_t>(quote.pos) >= content.size()) return 0;
  const char q = content[quote.pos];
  if (q != '\'' && q != '"') return 0;
  int line = quote.line + 1;
  for (size_t i = quote.pos + 1; i < content.size(); ++i) {
    const char c = content[i];
    if (q == '"' && c == '\\') {
      ++i;
    } else if (c == q) {
      if (q == '\'' && i + 1 < content.size() && content[i + 1] == '\'') {
        ++i;  // '' is a quote inside a single-quoted string
      } else {
        return 0;
      }
    } else if (c == '\n') {
      ++line;
      size_t j = i + 1;
      while (j < content.size() && content[j] == ' ') ++j;
      const bool blank = j == content.size() || content[j] == '\n' || content[j] == '\r';
      if (!blank && static_cast<int>(j - i - 1) <= key_column) return line;
    }
  }
  return 0;
}

// Walks a parsed rule file as its readers will, with aliases expanded: at most kMaxYamlNodes nodes
// and kMaxYamlDepth levels (an alias bomb, or an alias to its own ancestor, stops here instead of
// growing without bound), every map key a plain string, every quoted value of a block map closed
// where YAML closes it. Reports the first problem and returns false: the file is then not read further.
class TreeCheck {
 public:
  TreeCheck(const RuleSource& src, Errors& errors) : src_(src), errors_(errors) {}

  bool Visit(const YAML::Node& node, int depth) {
    if (++nodes_ > kMaxYamlNodes) {
      return Fail(node, "more than " + std::to_string(kMaxYamlNodes) +
                            " YAML nodes once aliases are expanded (an alias bomb?)");
    }
    if (depth > kMaxYamlDepth) {
      return Fail(node, "nested deeper than " + std::to_string(kMaxYamlDepth) +
                            " levels once aliases are expanded (an alias inside the node it names?)");
    }
    if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!Visit(item, depth + 1)) return false;
      }
    } else if (node.IsMap()) {
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) return Fail(kv.first, "a key must be a plain string, not a map, a list or null");
        if (kv.second.IsScalar() && node.Style() == YAML::EmitterStyle::Block) {
          if (int line = RunawayQuoteLine(src_.content, kv.second.Mark(), kv.first.Mark().column)) {
            return Fail(kv.first, "the quoted value of '" + kv.first.Scalar() + "' runs on into line " +
                                      std::to_string(line) + ", indented no deeper than its key (unterminated quote?)");
          }
        }
        if (!Visit(kv.second, depth + 1)) return false;
      }
    }
    return true;
  }

 private:
  bool Fail(const YAML::Node& node, const std::string& msg) {
    errors_.Add(At(src_.path, node), "", msg);
    return false;
  }

  const RuleSource& src_;
  Errors& errors_;
  long nodes_ = 0;
};

// YAML scalars, sequences and maps as JSON (for values, attributes, params).
Json ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& n : node) a.push_back(ToJson(n));
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : node) o[kv.first.as<std::string>()] = ToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: keep as a string
      if (s == "true") return true;
      if (s == "false") return false;
      if (s == "null" || s == "~") return nullptr;
      // Integers exactly; other numbers as doubles. (300000000000 stays an integer.)
      char* end = nullptr;
      errno = 0;
      long long i = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && *end == '\0' && errno == 0) return i;
      errno = 0;
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0' && errno == 0) {
        // In range first: converting a double out of range (2.2e61, inf, nan) is undefined.
        if (std::abs(d) < 9e15 && d == std::trunc(d)) {
          return static_cast<long long>(d);
        }
        return d;
      }
      return s;
    }
    default:
      return nullptr;
  }
}

std::string Str(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); }

// The type each rule param must have. Stages read params at match time without checks (a wrong type
// would throw in every document), so every one is checked when rules load.
enum class ParamType { kBool, kInt, kString, kRegex, kStringList, kSubject, kMap };
struct ParamSpec {
  std::string_view key;
  ParamType type;
};
constexpr ParamSpec kParamSpecs[] = {
    {"allow_one", ParamType::kBool},          {"count_guard", ParamType::kBool},
    {"fall_before_punctuation", ParamType::kBool}, {"head_final", ParamType::kBool},
    {"marked_second", ParamType::kBool},
    {"not_in_past", ParamType::kBool},        {"quarterly_context", ParamType::kBool},
    {"reject_proper_unit", ParamType::kBool}, {"trim_unit", ParamType::kBool},
    {"exponent", ParamType::kInt},            {"monday_looks_back", ParamType::kInt},
    {"n", ParamType::kInt},                   {"shift", ParamType::kInt},
    {"currency", ParamType::kString},         {"lexicon", ParamType::kString},
    {"specific", ParamType::kString},         {"unit", ParamType::kString},
    {"not_after", ParamType::kRegex},         {"not_before", ParamType::kRegex},
    {"extra_generic", ParamType::kStringList}, {"heads", ParamType::kStringList},
    {"not_before_word", ParamType::kStringList},
    {"cue_before", ParamType::kRegex},        {"cue_after", ParamType::kRegex},
    // Relation rules: {subject: DOCUMENT} or a frame (its slots checked by ParseFrame).
    {"subject", ParamType::kSubject},         {"object", ParamType::kMap},
    {"attrs", ParamType::kMap},               {"pairs", ParamType::kString},
};

// What is wrong with `v` as a param of type `type`, or "".
std::string ParamProblem(const Json& v, ParamType type) {
  switch (type) {
    case ParamType::kBool:
      return v.is_boolean() ? "" : "must be true or false";
    case ParamType::kInt:
      return v.is_number_integer() && v.get<long long>() >= -kMaxParamInt && v.get<long long>() <= kMaxParamInt
                 ? ""
                 : "must be an integer within ±" + std::to_string(kMaxParamInt);
    case ParamType::kString:
      return v.is_string() ? "" : "must be a string";
    case ParamType::kRegex: {
      if (!v.is_string()) return "must be a string (a regex)";
      RE2::Options opts;
      opts.set_log_errors(false);
      RE2 re(v.get<std::string>(), opts);
      return re.ok() ? "" : "bad regex: " + re.error();
    }
    case ParamType::kStringList:
      if (v.is_array() && std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_string(); })) return "";
      return "must be a list of strings";
    case ParamType::kSubject:
      return v == "DOCUMENT" || v.is_object() ? "" : "must be DOCUMENT or a frame slot {types, at}";
    case ParamType::kMap:
      return v.is_object() ? "" : "must be a map";
  }
  return "";
}

// Checks the `params` map of rule `r` against kParamSpecs. Unknown keys are errors too, except in
// relation rules, whose frames ParseFrame checks.
void CheckParams(const YAML::Node& params, const Rule& r, const std::string& file, Errors& errors) {
  for (const auto& kv : params) {
    const std::string key = kv.first.Scalar();
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& p : kParamSpecs) {
      if (p.key == key) spec = &p;
    }
    if (spec == nullptr) {
      if (r.normalizer == "relation") continue;
      std::string names;
      for (const ParamSpec& p : kParamSpecs) names += (names.empty() ? "" : ", ") + std::string(p.key);
      errors.Add(At(file, kv.first), r.id, "unknown param '" + key + "' (valid: " + names + ")");
      continue;
    }
    if (std::string problem = ParamProblem(ToJson(kv.second), spec->type); !problem.empty()) {
      errors.Add(At(file, kv.second), r.id, "param '" + key + "' " + problem);
    }
  }
}

// Parses a TSV lexicon: header row with `value` and (unless it is a plain list of words) `aliases`;
// other columns become attributes.
bool ParseTsvLexicon(const std::string& path, const std::string& content, Lexicon& lex, Errors& errors) {
  std::istringstream in(content);
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  int value_col = -1, aliases_col = -1;
  auto split = [](const std::string& s) {
    std::vector<std::string> cols;
    size_t i = 0;
    while (true) {
      size_t t = s.find('\t', i);
      cols.push_back(s.substr(i, t == std::string::npos ? std::string::npos : t - i));
      if (t == std::string::npos) break;
      i = t + 1;
    }
    return cols;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = split(line);
    if (header.empty()) {
      header = cols;
      for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == "value") value_col = static_cast<int>(i);
        if (header[i] == "aliases") aliases_col = static_cast<int>(i);
      }
      if (value_col < 0) {
        errors.Add({path, line_no}, "", "lexicon header must name the column 'value' (and 'aliases' when it has any)");
        return false;
      }
      continue;
    }
    if (cols.size() != header.size()) {
      errors.Add({path, line_no}, "", "expected " + std::to_string(header.size()) + " tab-separated columns, found " +
                                          std::to_string(cols.size()));
      continue;
    }
    LexiconEntry e;
    e.canonical = cols[value_col];
    if (e.canonical.empty()) {
      errors.Add({path, line_no}, "", "empty value");
      continue;
    }
    e.surfaces.push_back(e.canonical);
    std::string_view aliases = aliases_col < 0 ? std::string_view() : std::string_view(cols[aliases_col]);
    while (!aliases.empty()) {
      size_t bar = aliases.find('|');
      std::string_view a = aliases.substr(0, bar);
      if (!a.empty()) e.surfaces.emplace_back(a);
      if (bar == std::string_view::npos) break;
      aliases.remove_prefix(bar + 1);
    }
    for (size_t i = 0; i < header.size(); ++i) {
      if (static_cast<int>(i) == value_col || static_cast<int>(i) == aliases_col || cols[i].empty()) continue;
      if (e.attrs.is_null()) e.attrs = Json::object();
      e.attrs[header[i]] = cols[i];
    }
    lex.entries.push_back(std::move(e));
  }
  if (header.empty()) errors.Add({path, 0}, "", "lexicon file has no header row");
  return true;
}

// The offset of the first byte of `bytes` that is not part of valid UTF-8, or npos. yaml-cpp and the
// TSV reader take any bytes, but a rule's strings become JSON (value, attrs, params, a lexicon's
// codes), which holds UTF-8 only: dumping one would throw.
size_t FirstBadUtf8(std::string_view bytes) {
  if (CheckUtf8(bytes).ok()) return std::string_view::npos;
  const std::string valid = ValidUtf8(bytes);
  return static_cast<size_t>(std::mismatch(valid.begin(), valid.end(), bytes.begin(), bytes.end()).second - bytes.begin());
}

// Reads a rule file or a TSV lexicon: a regular file (a device, FIFO or directory is refused before
// it is opened) of at most kMaxRuleFileBytes, read with a bounded read (a file that grows past the
// cap meanwhile is refused too). Returns "" or the problem.
std::string ReadBounded(const fs::path& path, std::string* content) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return "cannot read file";
  if (!fs::is_regular_file(st)) return "not a regular file";
  const std::string too_big = "larger than " + std::to_string(kMaxRuleFileBytes >> 20) + " MiB";
  if (fs::file_size(path, ec) > kMaxRuleFileBytes) return too_big;
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read file";
  content->clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    content->append(buf, static_cast<size_t>(in.gcount()));
    if (content->size() > kMaxRuleFileBytes) return too_big;
  }
  return "";
}

// Reads a file named by a rule file (a TSV lexicon), beside it on disk or in the embedded tree.
// Returns "" or the problem.
std::string ReadCompanion(const RuleSource& src, const std::string& name, std::string* path, std::string* content) {
  *path = (fs::path(src.path).parent_path() / name).lexically_normal().string();
  if (src.embedded) {
    for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
      if (f.path == *path) {
        *content = std::string(f.content);
        return "";
      }
    }
    return "cannot read file";
  }
  return ReadBounded(*path, content);
}

ExpectedMention ParseExpected(const YAML::Node& n, const std::string& file, std::string_view rule_id, Errors& errors) {
  ExpectedMention e;
  if (n.IsScalar()) {
    e.text = n.Scalar();
    return e;
  }
  if (!n.IsMap()) {
    errors.Add(At(file, n), rule_id, "an expected mention is a string or a map {text, type, value, ...}");
    return e;
  }
  CheckKeys(n, {"text", "type", "value", "mod", "unit", "subject", "relation", "object", "attrs"}, file, rule_id,
            "expect", errors);
  e.text = StringField(n, "text", file, rule_id, errors);
  e.type = StringField(n, "type", file, rule_id, errors);
  if (n["value"]) e.value = ToJson(n["value"]);
  e.mod = StringField(n, "mod", file, rule_id, errors);
  e.unit = StringField(n, "unit", file, rule_id, errors);
  e.subject = StringField(n, "subject", file, rule_id, errors);
  e.relation = StringField(n, "relation", file, rule_id, errors);
  e.object = StringField(n, "object", file, rule_id, errors);
  if (n["attrs"] && Expect(n["attrs"], Shape::kMap, "attrs", file, rule_id, errors)) e.attrs = ToJson(n["attrs"]);
  if (e.relation.empty() && e.text.empty()) errors.Add(At(file, n), rule_id, "an expected mention needs 'text'");
  if (!e.relation.empty() && (e.subject.empty() || e.object.empty())) {
    errors.Add(At(file, n), rule_id, "an expected relation needs 'subject', 'relation' and 'object'");
  }
  return e;
}

RuleExample ParseExample(const YAML::Node& n, const std::string& file, std::string_view rule_id, Errors& errors) {
  RuleExample ex;
  ex.where = At(file, n);
  if (n.IsScalar()) {  // shorthand: the whole text is the expected mention
    ex.text = n.Scalar();
    ex.expect.push_back({ex.text});
    return ex;
  }
  if (!n.IsMap()) {
    errors.Add(ex.where, rule_id, "an example is a string or a map {text, expect, date}");
    return ex;
  }
  CheckKeys(n, {"text", "expect", "date"}, file, rule_id, "example", errors);
  ex.text = StringField(n, "text", file, rule_id, errors);
  ex.date = StringField(n, "date", file, rule_id, errors);
  if (const YAML::Node& expect = n["expect"]) {
    if (expect.IsSequence() && expect.size() == 0) {
      errors.Add(ex.where, rule_id, "an example that expects nothing asserts nothing: list its text under 'negatives'");
    } else if (expect.IsSequence()) {
      for (const auto& e : expect) ex.expect.push_back(ParseExpected(e, file, rule_id, errors));
    } else {
      ex.expect.push_back(ParseExpected(expect, file, rule_id, errors));
    }
  } else {
    ex.expect.push_back({ex.text});
  }
  return ex;
}

// A negative: a text, or {text, not: [surface texts that must not be mentions of the type]}.
RuleNegative ParseNegative(const YAML::Node& n, const std::string& file, std::string_view rule_id, Errors& errors) {
  RuleNegative neg;
  neg.where = At(file, n);
  if (n.IsScalar()) {
    neg.text = n.Scalar();
    return neg;
  }
  if (!n.IsMap()) {
    errors.Add(neg.where, rule_id, "'negatives' must be a string or a map {text, not}");
    return neg;
  }
  CheckKeys(n, {"text", "not"}, file, rule_id, "negative", errors);
  neg.text = StringField(n, "text", file, rule_id, errors);
  if (neg.text.empty()) errors.Add(neg.where, rule_id, "a negative needs 'text'");
  if (const YAML::Node& nf = n["not"]; Expect(nf, Shape::kList, "not", file, rule_id, errors)) {
    for (const auto& e : nf) {
      if (!Expect(e, Shape::kString, "not", file, rule_id, errors)) continue;
      neg.not_found.push_back(Str(e));
      if (neg.text.find(neg.not_found.back()) == std::string::npos) {
        errors.Add(At(file, e), rule_id, "'" + neg.not_found.back() + "' does not occur in the negative's text");
      }
    }
  }
  return neg;
}

Rule ParseRule(const YAML::Node& n, const RuleFile& f, Errors& errors) {
  Rule r;
  r.where = At(f.path, n);
  r.id = StringField(n, "id", f.path, "", errors);
  CheckKeys(n, {"id", "pattern", "type", "stage", "priority", "normalize", "value", "mod", "unit", "attrs", "params",
                "examples", "negatives", "description", "relation", "also"},
            f.path, r.id, "rule", errors);
  if (r.id.empty()) errors.Add(r.where, "", "rule without 'id'");
  r.pattern = StringField(n, "pattern", f.path, r.id, errors);
  if (r.pattern.empty()) errors.Add(r.where, r.id, "missing 'pattern'");
  r.type = n["type"] ? StringField(n, "type", f.path, r.id, errors) : f.type;
  if (r.type.empty()) errors.Add(r.where, r.id, "no 'type' (set it on the rule or the file)");
  r.stage = n["stage"] ? StringField(n, "stage", f.path, r.id, errors) : f.stage;
  r.normalizer = n["normalize"] ? StringField(n, "normalize", f.path, r.id, errors)
                                : (f.normalizer.empty() ? "text" : f.normalizer);
  StringField(n, "description", f.path, r.id, errors);
  if (n["priority"]) {
    try {
      r.priority = n["priority"].as<int>();
    } catch (const YAML::Exception&) {
      errors.Add(At(f.path, n["priority"]), r.id, "'priority' must be an integer");
    }
  }
  if (n["value"]) r.value = ToJson(n["value"]);
  r.mod = StringField(n, "mod", f.path, r.id, errors);
  r.unit = StringField(n, "unit", f.path, r.id, errors);
  r.relation = StringField(n, "relation", f.path, r.id, errors);
  if (n["attrs"] && Expect(n["attrs"], Shape::kMap, "attrs", f.path, r.id, errors)) r.attrs = ToJson(n["attrs"]);
  if (n["params"] && Expect(n["params"], Shape::kMap, "params", f.path, r.id, errors)) {
    r.params = ToJson(n["params"]);
    CheckParams(n["params"], r, f.path, errors);
  }
  if (const YAML::Node& ex = n["examples"]; Expect(ex, Shape::kList, "examples", f.path, r.id, errors)) {
    for (const auto& e : ex) r.examples.push_back(ParseExample(e, f.path, r.id, errors));
  }
  if (const YAML::Node& neg = n["negatives"]; Expect(neg, Shape::kList, "negatives", f.path, r.id, errors)) {
    for (const auto& e : neg) r.negatives.push_back(ParseNegative(e, f.path, r.id, errors));
  }
  if (const YAML::Node& also = n["also"]) {
    if (!also.IsSequence()) {
      errors.Add(At(f.path, also), r.id, "'also' must be a list of {group, type, normalize}");
    } else {
      for (const auto& a : also) {
        AlsoMention am;
        am.where = At(f.path, a);
        if (!a.IsMap()) {
          errors.Add(am.where, r.id, "an 'also' entry is a map {group, type, normalize}");
          continue;
        }
        CheckKeys(a, {"group", "type", "normalize"}, f.path, r.id, "also", errors);
        am.group = StringField(a, "group", f.path, r.id, errors);
        am.type = StringField(a, "type", f.path, r.id, errors);
        am.normalizer = StringField(a, "normalize", f.path, r.id, errors);
        if (am.group.empty()) errors.Add(am.where, r.id, "an 'also' entry needs 'group'");
        r.also.push_back(std::move(am));
      }
    }
  }
  return r;
}

// The YAML root of a rule file, or nullopt (and the error) when it is not valid UTF-8, not
// YAML, not a mapping, or too big a tree.
std::optional<YAML::Node> LoadRuleFileRoot(const RuleSource& src, Errors& errors) {
  if (const size_t bad = FirstBadUtf8(src.content); bad != std::string::npos) {
    const int line = 1 + static_cast<int>(std::count(src.content.begin(), src.content.begin() + static_cast<long>(bad), '\n'));
    errors.Add({src.path, line}, "", "not valid UTF-8 (byte " + std::to_string(bad) + ")");
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(src.content);
  } catch (const YAML::Exception& e) {
    errors.Add({src.path, e.mark.line >= 0 ? e.mark.line + 1 : 0}, "", "YAML syntax error: " + e.msg);
    return std::nullopt;
  }
  if (!root.IsMap()) {
    errors.Add({src.path, 1}, "", "a rule file is a YAML mapping with 'stage', 'type' and 'rules'");
    return std::nullopt;
  }
  if (!TreeCheck(src, errors).Visit(root, 0)) return std::nullopt;
  return root;
}

// A lexicon read from its TSV file beside the rule file ({file: NAME.tsv}); false on an error.
bool ReadTsvLexicon(const RuleSource& src, const YAML::Node& body, const std::string& file_path, Lexicon& lex,
                    Errors& errors) {
  std::string path, content;
  if (!Expect(body["file"], Shape::kString, "file", file_path, "", errors)) return false;
  std::string problem = ReadCompanion(src, Str(body["file"]), &path, &content);
  if (problem.empty() && FirstBadUtf8(content) != std::string::npos) problem = "not valid UTF-8";
  if (!problem.empty()) {
    std::string msg = "lexicon '" + lex.name + "': cannot read file '" + path + "'";
    if (problem != "cannot read file") msg += ": " + problem;
    errors.Add(lex.where, "", msg);
    return false;
  }
  ParseTsvLexicon(path, content, lex, errors);
  return true;
}

// A lexicon written inline: canonical value -> a surface form or a list of them.
void ReadInlineLexicon(const YAML::Node& body, const std::string& file_path, Lexicon& lex, Errors& errors) {
  for (const auto& entry : body) {
    LexiconEntry e;
    e.canonical = entry.first.Scalar();
    if (entry.second.IsSequence()) {
      for (const auto& s : entry.second) {
        if (Expect(s, Shape::kString, e.canonical, file_path, "", errors)) e.surfaces.push_back(Str(s));
      }
    } else if (!entry.second.IsMap()) {
      e.surfaces.push_back(Str(entry.second));
    } else {
      errors.Add(At(file_path, entry.second), "", "lexicon '" + lex.name + "': '" + e.canonical +
                                                     "' must be a surface form or a list of them");
    }
    lex.entries.push_back(std::move(e));
  }
}

// The file's `lexicons:`, inline or from TSV files.
void ParseLexicons(const RuleSource& src, const YAML::Node& lexicons, RuleFile& f, Errors& errors) {
  for (const auto& kv : lexicons) {
    Lexicon lex;
    lex.name = kv.first.Scalar();
    lex.where = At(f.path, kv.first);
    const YAML::Node& body = kv.second;
    if (body.IsMap() && body["file"]) {
      if (!ReadTsvLexicon(src, body, f.path, lex, errors)) continue;
    } else if (body.IsMap()) {
      ReadInlineLexicon(body, f.path, lex, errors);
    } else {
      errors.Add(lex.where, "", "lexicon '" + lex.name + "' must map canonical values to surface forms, or be {file: NAME.tsv}");
      continue;
    }
    f.lexicons.push_back(std::move(lex));
  }
}

// The file's `rules:`, a list of maps.
void ParseRules(const YAML::Node& rules, RuleFile& f, Errors& errors) {
  if (!rules.IsSequence()) {
    errors.Add(At(f.path, rules), "", "'rules' must be a list");
    return;
  }
  for (const auto& r : rules) {
    if (r.IsMap()) {
      f.rules.push_back(ParseRule(r, f, errors));
    } else {
      errors.Add(At(f.path, r), "", "a rule is a map with 'id' and 'pattern', not a string or a list");
    }
  }
}

// Parses one rule file; its TSV lexicons are read beside it.
void ParseRuleFile(const RuleSource& src, std::vector<RuleFile>& out, Errors& errors) {
  const std::optional<YAML::Node> loaded = LoadRuleFileRoot(src, errors);
  if (!loaded) return;
  const YAML::Node& root = *loaded;
  RuleFile f;
  f.path = src.path;
  CheckKeys(root, {"stage", "type", "normalize", "description", "macros", "lexicons", "rules"}, f.path, "", "rule file",
            errors);
  f.stage = StringField(root, "stage", f.path, "", errors);
  f.type = StringField(root, "type", f.path, "", errors);
  f.normalizer = StringField(root, "normalize", f.path, "", errors);
  StringField(root, "description", f.path, "", errors);
  if (f.stage.empty()) errors.Add({f.path, 1}, "", "missing 'stage'");
  if (const YAML::Node& macros = root["macros"]; Expect(macros, Shape::kMap, "macros", f.path, "", errors)) {
    for (const auto& kv : macros) {
      const std::string name = kv.first.Scalar();
      if (Expect(kv.second, Shape::kString, "macro " + name, f.path, "", errors)) {
        f.macros[name] = {Str(kv.second), At(f.path, kv.first)};
      }
    }
  }
  if (const YAML::Node& lexicons = root["lexicons"]; Expect(lexicons, Shape::kMap, "lexicons", f.path, "", errors)) {
    ParseLexicons(src, lexicons, f, errors);
  }
  if (const YAML::Node& rules = root["rules"]) ParseRules(rules, f, errors);
  out.push_back(std::move(f));
}

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Each macro's expansion at each depth, kept across the rules of one load: every macro is expanded
// once per depth, not once per reference. Emptied when it holds more than kMaxPatternBytes × 16.
struct MacroCache {
  std::map<std::pair<std::string, int>, std::string> expansions;
  size_t bytes = 0;
};

// The alternations of lexicons for {name} references in patterns, each computed when a pattern first
// refers to its lexicon (most lexicons are matched by their tries alone).
class LexiconAlternations {
 public:
  // With `wildcard_above` > 0, a lexicon of more surface forms than that stands for any text.
  explicit LexiconAlternations(const std::map<std::string, Lexicon*>& lexicons, size_t wildcard_above = 0)
      : lexicons_(lexicons), wildcard_above_(wildcard_above) {}
  // The alternation of lexicon `name`, or nullptr when there is no such lexicon.
  const std::string* Find(const std::string& name) {
    auto lexicon = lexicons_.find(name);
    if (lexicon == lexicons_.end()) return nullptr;
    auto [it, fresh] = cache_.try_emplace(name);
    if (fresh) it->second = Large(*lexicon->second) ? "(?s:.*)" : lexicon->second->Alternation();
    return &it->second;
  }

 private:
  bool Large(const Lexicon& lexicon) const {
    if (wildcard_above_ == 0) return false;
    size_t forms = 0;
    for (const LexiconEntry& e : lexicon.entries) forms += e.surfaces.size();
    return forms > wildcard_above_;
  }

  const std::map<std::string, Lexicon*>& lexicons_;
  size_t wildcard_above_;
  std::map<std::string, std::string> cache_;
};

// Where a word list reference {NAME.PART} ends (its '}'), when the name that ends at `j` is one;
// else npos.
size_t WordListReferenceEnd(const std::string& pattern, size_t j) {
  if (j + 1 >= pattern.size() || pattern[j] != '.' || !IsIdentStart(pattern[j + 1])) return std::string::npos;
  size_t k = j + 1;
  while (k < pattern.size() && IsIdent(pattern[k])) ++k;
  return k < pattern.size() && pattern[k] == '}' ? k : std::string::npos;
}

// {NAME.values}, {NAME.aliases}, {NAME.forms}: the `value` column, the aliases or every form of
// word list NAME (word_list.h) as a group. False with `error` set for an unknown list or part.
bool ExpandWordList(const std::string& list, const std::string& part, std::string* out, std::string* error) {
  const Lexicon* words = FindWordList(list);
  if (words == nullptr || (part != "values" && part != "aliases" && part != "forms")) {
    *error = "unknown word list reference {";
    error->append(list).append(".").append(part).append("} (valid: {NAME.values}, {NAME.aliases}, {NAME.forms}");
    error->append(" of a word list NAME.tsv)");
    return false;
  }
  const WordForms forms = part == "values" ? WordForms::kValues : part == "aliases" ? WordForms::kAliases : WordForms::kAll;
  out->append("(?:").append(WordAlternation(*words, forms)).append(")");
  return true;
}

// Expands {name} references to macros (recursively) and lexicons. Returns false with `error` set
// on an unknown name, a cycle, or an expansion longer than `limit` bytes (checked as it grows, so
// macros that refer to each other ten times per level stop early instead of doubling for hours).
bool Expand(const std::string& pattern, const std::map<std::string, std::string>& macros,
            LexiconAlternations& lexicon_alternations, int depth, size_t limit,
            MacroCache& cache, std::string* out, std::string* error) {
  if (depth > 16) {
    *error = "macro expansion too deep (a macro refers to itself?)";
    return false;
  }
  out->clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      *out += c;
      *out += pattern[++i];
      continue;
    }
    if (c == '{' && i + 1 < pattern.size() && IsIdentStart(pattern[i + 1])) {
      size_t j = i + 1;
      while (j < pattern.size() && IsIdent(pattern[j])) ++j;
      if (size_t k = WordListReferenceEnd(pattern, j); k != std::string::npos) {
        if (!ExpandWordList(pattern.substr(i + 1, j - i - 1), pattern.substr(j + 1, k - j - 1), out, error)) return false;
        i = k;
        continue;
      }
      if (j < pattern.size() && pattern[j] == '}') {
        std::string name = pattern.substr(i + 1, j - i - 1);
        if (auto m = macros.find(name); m != macros.end()) {
          auto cached = cache.expansions.find({name, depth + 1});
          if (cached == cache.expansions.end()) {
            std::string inner;
            if (!Expand(m->second, macros, lexicon_alternations, depth + 1, limit, cache, &inner, error)) return false;
            cache.bytes += inner.size();
            cached = cache.expansions.emplace(std::make_pair(name, depth + 1), std::move(inner)).first;
          }
          *out += "(?:";
          *out += cached->second;
          *out += ')';
        } else if (const std::string* alternation = lexicon_alternations.Find(name)) {
          *out += *alternation;
        } else {
          *error = "unknown macro or lexicon {" + name + "}";
          return false;
        }
        if (out->size() > limit) {
          *error = "the pattern is longer than " + std::to_string(limit >> 10) +
                   " KiB once its macros and lexicons are expanded";
          return false;
        }
        i = j;
        continue;
      }
    }
    *out += c;
  }
  return true;
}

// Named groups whose whole body is one {reference}: (?P<g>{name}).
// A group that is one lexicon reference: `(?P<group>{lexicon})`.
const RE2& GroupLexiconRef() {
  static const RE2 kRef(R"(\(\?P<(\w+)>\{(\w+)\}\))");
  return kRef;
}

std::map<std::string, std::string> GroupLexiconRefs(const std::string& pattern) {
  const RE2& kRef = GroupLexiconRef();
  std::map<std::string, std::string> refs;
  re2::StringPiece input(pattern);
  std::string group, name;
  while (RE2::FindAndConsume(&input, kRef, &group, &name)) refs[group] = name;
  return refs;
}

std::string Hex(size_t h) {
  std::ostringstream ss;
  ss << std::hex << h;
  return ss.str();
}

// Gives each `also:` companion the rule's type and normalizer where it names none; reports an
// unknown normalizer.
void ResolveAlso(Rule& r, Errors& errors) {
  for (AlsoMention& a : r.also) {
    if (a.normalizer.empty()) a.normalizer = r.normalizer;
    if (a.type.empty()) a.type = r.type;
    if (FindNormalizer(a.normalizer) == nullptr) {
      errors.Add(a.where, r.id, "'also': unknown normalizer '" + a.normalizer + "'");
    }
  }
}

// Reports every group the rule's normalizer, relation or `also:` companions read that its compiled
// pattern lacks.
void CheckGroups(const Rule& r, const NormalizerSpec& norm, const std::map<std::string, int>& groups,
                 const std::set<std::string>& mention_types, Errors& errors) {
  auto has = [&](std::string_view g) { return groups.count(std::string(g)) > 0; };
  if (r.normalizer == "relation") {
    std::set<std::string> names;
    for (const auto& [g, unused] : groups) names.insert(g);
    if (std::string problem = CheckRelationRule(r, names, mention_types); !problem.empty()) {
      errors.Add(r.where, r.id, problem);
    }
  }
  for (std::string_view g : norm.required_groups) {
    if (!has(g)) {
      errors.Add(r.where, r.id, "normalizer '" + r.normalizer + "' reads group '" + std::string(g) +
                                    "', which the pattern lacks (add (?P<" + std::string(g) + ">...))");
    }
  }
  if (!norm.any_of_groups.empty() && std::none_of(norm.any_of_groups.begin(), norm.any_of_groups.end(), has)) {
    std::string names;
    for (std::string_view g : norm.any_of_groups) names += (names.empty() ? "" : ", ") + std::string(g);
    errors.Add(r.where, r.id, "normalizer '" + r.normalizer + "' needs one of the groups " + names);
  }
  for (const AlsoMention& a : r.also) {
    if (!a.group.empty() && !has(a.group)) {
      errors.Add(a.where, r.id, "'also' names group '" + a.group + "', which the pattern lacks");
    }
    const NormalizerSpec* an = FindNormalizer(a.normalizer);
    if (an == nullptr) continue;  // reported by ResolveAlso
    for (std::string_view g : an->required_groups) {
      if (!has(g)) {
        errors.Add(a.where, r.id, "'also': normalizer '" + a.normalizer + "' reads group '" + std::string(g) +
                                      "', which the pattern lacks");
      }
    }
  }
}

// A hash of a JSON value's content, without writing it out (a book's fingerprint covers every
// lexicon entry's attributes: thousands of them).
size_t HashJson(const Json& j) {
  const std::hash<std::string_view> text;
  size_t h = static_cast<size_t>(j.type());
  auto mix = [&h](size_t v) { h = h * 1000003 ^ v; };
  switch (j.type()) {
    case Json::value_t::string: mix(text(j.get_ref<const std::string&>())); break;
    case Json::value_t::boolean: mix(j.get<bool>()); break;
    case Json::value_t::number_integer: mix(std::hash<int64_t>()(j.get<int64_t>())); break;
    case Json::value_t::number_unsigned: mix(std::hash<uint64_t>()(j.get<uint64_t>())); break;
    case Json::value_t::number_float: mix(std::hash<double>()(j.get<double>())); break;
    case Json::value_t::array:
      for (const Json& item : j) mix(HashJson(item));
      break;
    case Json::value_t::object:
      for (const auto& [key, item] : j.items()) mix(text(key)), mix(HashJson(item));
      break;
    default: break;
  }
  return h;
}

// True when `dir` holds a *.tsv file (a word list that replaces a default one).
bool HasWordLists(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tsv") return true;
  }
  return false;
}

// Parses each source in order. The parser checks every node's shape before reading it; the catch
// is a safety net, so that no yaml-cpp exception escapes loading.
std::vector<RuleFile> ParseSources(const std::vector<RuleSource>& sources, Errors& errors) {
  std::vector<RuleFile> files;
  for (const RuleSource& s : sources) {
    try {
      ParseRuleFile(s, files, errors);
    } catch (const YAML::Exception& e) {
      errors.Add({s.path, e.mark.line >= 0 ? e.mark.line + 1 : 0}, "", "unexpected rule file shape: " + e.msg);
    }
  }
  return files;
}

}  // namespace

std::string ParseLexiconTsv(const std::string& path, const std::string& content, Lexicon& lex) {
  Errors errors;
  ParseTsvLexicon(path, content, lex, errors);
  std::string out;
  for (const std::string& line : errors.TakeLines()) out.append(line).append("\n");
  return out;
}

std::string ReadRuleFile(const std::string& path, std::string* content) {
  std::string problem = ReadBounded(path, content);
  if (problem.empty() && FirstBadUtf8(*content) != std::string::npos) problem = "not valid UTF-8";
  return problem;
}

std::vector<RuleSource> RuleBook::DefaultSources() {
  std::vector<RuleSource> out;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    if (f.path.ends_with(".yaml")) out.push_back({std::string(f.path), std::string(f.content), true});
  }
  return out;
}

StatusOr<RuleBook> RuleBook::Load(const std::vector<std::string>& user_dirs, bool validate_all) {
  std::vector<RuleSource> user;
  Errors errors;
  for (const std::string& dir : user_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      errors.Add({dir, 0}, "", "--rules: not a readable directory");
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty() && !HasWordLists(dir)) {
      errors.Add({dir, 0}, "", "--rules: no *.yaml rule files or *.tsv word lists in this directory");
    }
    for (const fs::path& p : files) {
      std::string content;
      if (std::string problem = ReadBounded(p, &content); !problem.empty()) {
        errors.Add({p.string(), 0}, "", "cannot read rule file: " + problem);
        continue;
      }
      user.push_back({p.string(), std::move(content), false});
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  std::string word_lists_fp;
  if (std::string problems = UseWordListDirs(user_dirs, &word_lists_fp); !problems.empty()) {
    return Status::InvalidArgument(problems);
  }
  StatusOr<RuleBook> book = LoadLayers(user, validate_all);
  if (book.ok() && !word_lists_fp.empty()) book.value().fingerprint_.append("+").append(word_lists_fp);
  return book;
}

StatusOr<RuleBook> RuleBook::LoadLayers(const std::vector<RuleSource>& user, bool validate_all) {
  Errors errors;
  // The defaults come from the build's snapshot (no YAML to parse), unless they are to be validated.
  std::optional<std::vector<RuleFile>> default_files =
      validate_all ? std::nullopt : RuleFilesFromSnapshot(EmbeddedRuleSnapshot());
  if (!default_files) return FromSources(DefaultSources(), user, validate_all);
  std::vector<RuleFile> user_files = ParseSources(user, errors);
  return Assemble(std::move(*default_files), std::move(user_files), user.empty(), errors.TakeLines());
}

StatusOr<std::vector<RuleFile>> RuleBook::ParseFiles(const std::vector<RuleSource>& sources) {
  Errors errors;
  std::vector<RuleFile> files = ParseSources(sources, errors);
  if (!errors.empty()) return errors.ToStatus();
  return files;
}

const Lexicon* RuleBook::FindLexicon(std::string_view name) const {
  // The last one of that name: a user's file replaces a default lexicon, as patterns see it.
  for (auto it = lexicon_ptrs_.rbegin(); it != lexicon_ptrs_.rend(); ++it) {
    if ((*it)->name == name) return *it;
  }
  return nullptr;
}

StatusOr<RuleBook> RuleBook::FromSources(const std::vector<RuleSource>& defaults, const std::vector<RuleSource>& user,
                                         bool validate_all) {
  Errors errors;
  std::vector<RuleFile> default_files = ParseSources(defaults, errors);
  std::vector<RuleFile> user_files = ParseSources(user, errors);
  const bool lazy = !validate_all && user.empty() &&
                    std::all_of(defaults.begin(), defaults.end(), [](const RuleSource& s) { return s.embedded; });
  return Assemble(std::move(default_files), std::move(user_files), lazy, errors.TakeLines());
}

namespace {

// The macros and lexicons of the rule files, in one namespace.
struct Definitions {
  std::map<std::string, std::string> macros;
  std::map<std::string, Lexicon*> lexicons;
};

// Adds the macros and lexicons of one layer of files (the defaults, then the user's): a user
// file's definition replaces a default one; a second definition within one layer is an error.
void AddLayerDefinitions(std::vector<RuleFile>& files, Definitions& defs, std::vector<std::unique_ptr<Lexicon>>& owned,
                         Errors& errors) {
  std::map<std::string, SourceLocation> seen;
  for (RuleFile& f : files) {
    for (auto& [name, def] : f.macros) {
      if (auto it = seen.find(name); it != seen.end()) {
        errors.Add(def.second, "", "macro '" + name + "' already defined at " + it->second.ToString());
        continue;
      }
      seen[name] = def.second;
      defs.macros[name] = def.first;
    }
    for (Lexicon& lex : f.lexicons) {
      if (auto it = seen.find(lex.name); it != seen.end()) {
        errors.Add(lex.where, "", "lexicon '" + lex.name + "' already defined at " + it->second.ToString());
        continue;
      }
      seen[lex.name] = lex.where;
      auto lexicon = std::make_unique<Lexicon>(std::move(lex));
      lexicon->Index();
      defs.lexicons[lexicon->name] = lexicon.get();
      owned.push_back(std::move(lexicon));
    }
  }
}

// Adds the rules of one layer of files: ids are unique within a layer; a user rule replaces the
// default rule with its id. `stages` gains each stage that brings rules, in order.
void AddLayerRules(std::vector<RuleFile>& files, bool user_layer, std::vector<Rule>& rules,
                   std::map<std::string, size_t>& index, std::vector<std::string>& stages, Errors& errors) {
  std::map<std::string, SourceLocation> seen;
  for (RuleFile& f : files) {
    if (std::find(stages.begin(), stages.end(), f.stage) == stages.end() && !f.stage.empty() && !f.rules.empty()) {
      stages.push_back(f.stage);
    }
    for (Rule& r : f.rules) {
      if (r.id.empty()) continue;
      if (auto it = seen.find(r.id); it != seen.end()) {
        errors.Add(r.where, r.id, "duplicate rule id (first defined at " + it->second.ToString() + ")");
        continue;
      }
      seen[r.id] = r.where;
      if (auto it = index.find(r.id); it != index.end() && user_layer) {
        rules[it->second] = std::move(r);
      } else {
        index[r.id] = rules.size();
        rules.push_back(std::move(r));
      }
    }
  }
}

// The rules' patterns, expanded in order: null where expansion failed (reported). A lexicon rule
// (`whole`: its lexicon and group) is matched by the lexicon's trie: its pattern is not expanded,
// and its compiled pattern keeps only the group, around a class that matches nothing.
struct ExpandedPatterns {
  std::vector<std::unique_ptr<RulePattern>> patterns;
  std::vector<std::pair<const Lexicon*, std::string>> whole;
};
// A lexicon of more forms than this is a wildcard in the atom filter's pattern of a rule (Rule::
// filter_pattern): the filter's analysis and its RE2 compile grow with the alternation (measured:
// building the filter fell from 1.04 to 0.44 G instructions), and a rule whose other parts have no
// atom keeps those of its smaller lexicons (at 16 forms, 14 rules lost their atoms; at 256, none).
constexpr size_t kFilterLexiconForms = 256;

ExpandedPatterns ExpandPatterns(std::vector<Rule>& rules, const Definitions& defs, Errors& errors) {
  ExpandedPatterns out;
  out.patterns.resize(rules.size());
  out.whole.resize(rules.size());
  size_t total_expanded = 0;
  MacroCache macro_cache, filter_cache;
  LexiconAlternations alternations(defs.lexicons);
  LexiconAlternations filter_alternations(defs.lexicons, kFilterLexiconForms);
  for (size_t i = 0; i < rules.size(); ++i) {
    Rule& r = rules[i];
    std::string group, name;
    if (RE2::FullMatch(r.pattern, GroupLexiconRef(), &group, &name) && defs.lexicons.count(name)) {
      out.whole[i] = {defs.lexicons.at(name), group};
      r.expanded = r.pattern;
      out.patterns[i] = std::make_unique<RulePattern>("(?P<" + group + ">[^\\x00-\\x{10FFFF}])");
      continue;
    }
    std::string error;
    if (macro_cache.bytes > kMaxPatternBytes * 16) macro_cache = {};
    if (filter_cache.bytes > kMaxPatternBytes * 16) filter_cache = {};
    if (!Expand(r.pattern, defs.macros, alternations, 0, kMaxPatternBytes, macro_cache, &r.expanded, &error)) {
      errors.Add(r.where, r.id, error);
      continue;
    }
    total_expanded += r.expanded.size();
    std::string filter;
    if (Expand(r.pattern, defs.macros, filter_alternations, 0, kMaxPatternBytes, filter_cache, &filter, &error) &&
        filter != r.expanded) {
      r.filter_pattern = std::move(filter);
    }
    if (total_expanded > kMaxTotalPatternBytes) {
      errors.Add(r.where, r.id, "the rules' expanded patterns exceed " + std::to_string(kMaxTotalPatternBytes >> 20) +
                                    " MiB in all at this rule");
      for (auto& p : out.patterns) p.reset();  // compile nothing
      break;
    }
    out.patterns[i] = std::make_unique<RulePattern>(r.expanded);
  }
  return out;
}

// Checks one rule against its compiled pattern (`re`; null when loading lazily: then nothing that
// needs it) and its normalizer. False when it is unusable (reported).
bool CheckRule(Rule& r, const RE2* re, bool lexicon_rule, const std::set<std::string>& mention_types, Errors& errors) {
  if (re != nullptr && !re->ok()) {
    errors.Add(r.where, r.id, "bad pattern: " + re->error() + (re->error_arg().empty() ? "" : ": " + re->error_arg()));
    return false;
  }
  if (re != nullptr && !lexicon_rule && RE2::FullMatch("", *re)) {
    errors.Add(r.where, r.id, "the pattern matches the empty string (it would match at every position); make a part required");
    return false;
  }
  const NormalizerSpec* norm = FindNormalizer(r.normalizer);
  if (norm == nullptr) {
    std::string names;
    for (const NormalizerSpec& n : AllNormalizers()) names += (names.empty() ? "" : ", ") + std::string(n.name);
    errors.Add(r.where, r.id, "unknown normalizer '" + r.normalizer + "' (valid: " + names + ")");
    return false;
  }
  ResolveAlso(r, errors);
  if (re != nullptr) CheckGroups(r, *norm, re->NamedCapturingGroups(), mention_types, errors);
  return true;
}

// A hash of everything in a rule that changes what it finds, for the book's fingerprint.
size_t RuleHash(const Rule& r) {
  std::string also_fp;
  for (const AlsoMention& a : r.also) also_fp += a.group + '\x1e' + a.type + '\x1e' + a.normalizer + '\x1d';
  return std::hash<std::string>()(r.id + '\x1f' + r.stage + '\x1f' + r.type + '\x1f' + r.expanded + '\x1f' + r.normalizer +
                                   '\x1f' + std::to_string(r.priority) + '\x1f' + r.value.dump() + r.mod + r.unit +
                                   r.relation + r.attrs.dump() + r.params.dump() + also_fp);
}

}  // namespace

StatusOr<RuleBook> RuleBook::Assemble(std::vector<RuleFile> default_files, std::vector<RuleFile> user_files, bool lazy,
                                      std::vector<std::string> parse_errors) {
  Errors errors(std::move(parse_errors));
  RuleBook book;
  Definitions defs;
  AddLayerDefinitions(default_files, defs, book.lexicons_, errors);
  AddLayerDefinitions(user_files, defs, book.lexicons_, errors);
  for (const auto& l : book.lexicons_) book.lexicon_ptrs_.push_back(l.get());
  std::vector<Rule> rules;
  std::map<std::string, size_t> index;
  AddLayerRules(default_files, false, rules, index, book.stages_, errors);
  AddLayerRules(user_files, true, rules, index, book.stages_, errors);

  // Compiling is most of loading: in parallel, unless `lazy` (then each compiles on first use).
  ExpandedPatterns expanded = ExpandPatterns(rules, defs, errors);
  if (!lazy) {
    tbb::parallel_for(size_t{0}, rules.size(), [&](size_t i) {
      if (expanded.patterns[i] != nullptr) expanded.patterns[i]->Compile();
    });
  }
  // The types a relation frame's slot may name: the built-in ones and every rule's own.
  std::set<std::string>& mention_types = book.mention_types_;
  mention_types.clear();
  mention_types.insert(kValueTypes.begin(), kValueTypes.end());
  mention_types.insert(kEntityTypes.begin(), kEntityTypes.end());
  for (const Rule& r : rules) {
    if (r.normalizer != "relation") mention_types.insert(r.type);
  }
  size_t fp = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    Rule& r = rules[i];
    if (expanded.patterns[i] == nullptr) continue;  // expansion failed (reported)
    for (const auto& [group, name] : GroupLexiconRefs(r.pattern)) {
      if (defs.lexicons.count(name)) r.group_lexicon[group] = name;
    }
    const RE2* re = lazy ? nullptr : &expanded.patterns[i]->re();
    if (!CheckRule(r, re, expanded.whole[i].first != nullptr, mention_types, errors)) continue;
    fp = fp * 1000003 ^ RuleHash(r);
    book.rules_.push_back({std::move(r), std::move(expanded.patterns[i]), expanded.whole[i].first, expanded.whole[i].second});
  }
  std::hash<std::string> hasher;
  for (const Lexicon* l : book.lexicon_ptrs_) {
    for (const LexiconEntry& e : l->entries) fp = (fp * 1000003 ^ hasher(e.canonical)) * 1000003 ^ HashJson(e.attrs);
  }
  book.fingerprint_ = Hex(fp);
  if (!errors.empty()) return errors.ToStatus();
  return book;
}

}  // namespace policygraph
