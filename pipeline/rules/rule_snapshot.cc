#include "pipeline/rules/rule_snapshot.h"

#include <cstring>

namespace policygraph {
namespace {

// The format: a magic line, then every structure as its fields in declaration order. Integers are
// LEB128 varints (signed ones zigzagged), strings a length and their bytes, JSON values a tag byte
// and their payload. Reading it is a walk over bytes with no parser state (about 10x faster than
// CBOR into JSON values, which cost most of loading once the GeoNames towns came in).
constexpr std::string_view kMagic = "policygraph rule snapshot 1\n";

enum JsonTag : uint8_t { kNull, kFalse, kTrue, kInt, kUint, kDouble, kString, kArray, kObject };

class Writer {
 public:
  void Uint(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>(v | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void Int(int64_t v) { Uint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void Str(std::string_view s) {
    Uint(s.size());
    out_ += s;
  }
  void Value(const Json& j);
  void Raw(std::string_view s) { out_ += s; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void Writer::Value(const Json& j) {
  switch (j.type()) {
    case Json::value_t::boolean: out_ += static_cast<char>(j.get<bool>() ? kTrue : kFalse); break;
    case Json::value_t::number_integer: out_ += static_cast<char>(kInt), Int(j.get<int64_t>()); break;
    case Json::value_t::number_unsigned: out_ += static_cast<char>(kUint), Uint(j.get<uint64_t>()); break;
    case Json::value_t::number_float: {
      const double d = j.get<double>();
      char bytes[sizeof d];
      std::memcpy(bytes, &d, sizeof d);
      out_ += static_cast<char>(kDouble);
      out_.append(bytes, sizeof d);
      break;
    }
    case Json::value_t::string: out_ += static_cast<char>(kString), Str(j.get_ref<const std::string&>()); break;
    case Json::value_t::array:
      out_ += static_cast<char>(kArray);
      Uint(j.size());
      for (const Json& item : j) Value(item);
      break;
    case Json::value_t::object:
      out_ += static_cast<char>(kObject);
      Uint(j.size());
      for (const auto& [key, item] : j.items()) {
        Str(key);
        Value(item);
      }
      break;
    default: out_ += static_cast<char>(kNull); break;  // null (rule files hold no binary values)
  }
}

// Reads what Writer wrote; past the end or on a bad tag it turns !ok() and returns empty values.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  uint64_t Uint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      const auto byte = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return v;
    }
    return Fail();
  }
  int64_t Int() {
    const uint64_t v = Uint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string Str() { return std::string(Bytes(Uint())); }
  std::string_view Bytes(uint64_t n) {
    if (n > in_.size() - pos_) return Fail(), std::string_view();
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of items that each take at least one byte: never more than the bytes left.
  size_t Count() {
    const uint64_t n = Uint();
    return n > in_.size() - pos_ ? (Fail(), 0) : static_cast<size_t>(n);
  }
  Json Value(int depth = 0);

 private:
  uint64_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

Json Reader::Value(int depth) {
  if (pos_ >= in_.size() || depth > 64) return Fail(), Json();
  switch (static_cast<uint8_t>(in_[pos_++])) {
    case kNull: return Json();
    case kFalse: return false;
    case kTrue: return true;
    case kInt: return Int();
    case kUint: return Uint();
    case kDouble: {
      double d = 0;
      const std::string_view bytes = Bytes(sizeof d);
      if (bytes.size() == sizeof d) std::memcpy(&d, bytes.data(), sizeof d);
      return d;
    }
    case kString: return Str();
    case kArray: {
      Json out = Json::array();
      for (size_t n = Count(); n > 0 && ok_; --n) out.push_back(Value(depth + 1));
      return out;
    }
    case kObject: {
      Json out = Json::object();
      for (size_t n = Count(); n > 0 && ok_; --n) {
        std::string key = Str();
        out[std::move(key)] = Value(depth + 1);
      }
      return out;
    }
    default: return Fail(), Json();
  }
}

void Put(Writer& w, const std::string& s) { w.Str(s); }
void Get(Reader& r, std::string& s) { s = r.Str(); }
void Put(Writer& w, int v) { w.Int(v); }
void Get(Reader& r, int& v) { v = static_cast<int>(r.Int()); }
void Put(Writer& w, const Json& j) { w.Value(j); }
void Get(Reader& r, Json& j) { j = r.Value(); }

template <typename T>
void Put(Writer& w, const std::vector<T>& items);
template <typename T>
void Get(Reader& r, std::vector<T>& items);

void Put(Writer& w, const SourceLocation& l) { Put(w, l.file), Put(w, l.line); }
void Get(Reader& r, SourceLocation& l) { Get(r, l.file), Get(r, l.line); }

void Put(Writer& w, const ExpectedMention& e) {
  Put(w, e.text), Put(w, e.type), Put(w, e.value), Put(w, e.mod), Put(w, e.unit);
  Put(w, e.subject), Put(w, e.relation), Put(w, e.object), Put(w, e.attrs);
}
void Get(Reader& r, ExpectedMention& e) {
  Get(r, e.text), Get(r, e.type), Get(r, e.value), Get(r, e.mod), Get(r, e.unit);
  Get(r, e.subject), Get(r, e.relation), Get(r, e.object), Get(r, e.attrs);
}

void Put(Writer& w, const RuleExample& e) { Put(w, e.text), Put(w, e.date), Put(w, e.expect), Put(w, e.where); }
void Get(Reader& r, RuleExample& e) { Get(r, e.text), Get(r, e.date), Get(r, e.expect), Get(r, e.where); }

void Put(Writer& w, const RuleNegative& n) { Put(w, n.text), Put(w, n.not_found), Put(w, n.where); }
void Get(Reader& r, RuleNegative& n) { Get(r, n.text), Get(r, n.not_found), Get(r, n.where); }

void Put(Writer& w, const AlsoMention& a) { Put(w, a.group), Put(w, a.type), Put(w, a.normalizer), Put(w, a.where); }
void Get(Reader& r, AlsoMention& a) { Get(r, a.group), Get(r, a.type), Get(r, a.normalizer), Get(r, a.where); }

void Put(Writer& w, const LexiconEntry& e) { Put(w, e.canonical), Put(w, e.attrs), Put(w, e.surfaces); }
void Get(Reader& r, LexiconEntry& e) { Get(r, e.canonical), Get(r, e.attrs), Get(r, e.surfaces); }

void Put(Writer& w, const Lexicon& l) { Put(w, l.name), Put(w, l.where), Put(w, l.entries); }
void Get(Reader& r, Lexicon& l) { Get(r, l.name), Get(r, l.where), Get(r, l.entries); }

void Put(Writer& w, const std::map<std::string, std::string>& m) {
  w.Uint(m.size());
  for (const auto& [k, v] : m) Put(w, k), Put(w, v);
}
void Get(Reader& r, std::map<std::string, std::string>& m) {
  for (size_t n = r.Count(); n > 0 && r.ok(); --n) {
    std::string k = r.Str();
    m[std::move(k)] = r.Str();
  }
}

void Put(Writer& w, const Rule& x) {
  Put(w, x.id), Put(w, x.stage), Put(w, x.type), Put(w, x.pattern), Put(w, x.expanded), Put(w, x.filter_pattern), Put(w, x.normalizer);
  Put(w, x.priority), Put(w, x.value), Put(w, x.mod), Put(w, x.unit), Put(w, x.relation), Put(w, x.attrs);
  Put(w, x.params), Put(w, x.examples), Put(w, x.negatives), Put(w, x.also), Put(w, x.where), Put(w, x.group_lexicon);
}
void Get(Reader& r, Rule& x) {
  Get(r, x.id), Get(r, x.stage), Get(r, x.type), Get(r, x.pattern), Get(r, x.expanded), Get(r, x.filter_pattern), Get(r, x.normalizer);
  Get(r, x.priority), Get(r, x.value), Get(r, x.mod), Get(r, x.unit), Get(r, x.relation), Get(r, x.attrs);
  Get(r, x.params), Get(r, x.examples), Get(r, x.negatives), Get(r, x.also), Get(r, x.where), Get(r, x.group_lexicon);
}

void Put(Writer& w, const RuleFile& f) {
  Put(w, f.path), Put(w, f.stage), Put(w, f.type), Put(w, f.normalizer);
  w.Uint(f.macros.size());
  for (const auto& [name, def] : f.macros) Put(w, name), Put(w, def.first), Put(w, def.second);
  Put(w, f.lexicons), Put(w, f.rules);
}
void Get(Reader& r, RuleFile& f) {
  Get(r, f.path), Get(r, f.stage), Get(r, f.type), Get(r, f.normalizer);
  for (size_t n = r.Count(); n > 0 && r.ok(); --n) {
    std::string name = r.Str();
    auto& def = f.macros[std::move(name)];
    Get(r, def.first), Get(r, def.second);
  }
  Get(r, f.lexicons), Get(r, f.rules);
}

template <typename T>
void Put(Writer& w, const std::vector<T>& items) {
  w.Uint(items.size());
  for (const T& item : items) Put(w, item);
}
template <typename T>
void Get(Reader& r, std::vector<T>& items) {
  items.resize(r.Count());
  for (T& item : items) Get(r, item);
}

}  // namespace

std::string SnapshotRuleFiles(const std::vector<RuleFile>& files) {
  Writer w;
  w.Raw(kMagic);
  Put(w, files);
  return w.Take();
}

std::optional<std::vector<RuleFile>> RuleFilesFromSnapshot(std::string_view snapshot) {
  if (!snapshot.starts_with(kMagic)) return std::nullopt;
  Reader r(snapshot.substr(kMagic.size()));
  std::vector<RuleFile> files;
  Get(r, files);
  if (!r.ok() || !r.AtEnd()) return std::nullopt;
  return files;
}

}  // namespace policygraph
