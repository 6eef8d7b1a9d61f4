#include "tests/test_util.h"

#include <stdexcept>

namespace policygraph::testing {

const DefaultPipeline& Defaults() {
  static const DefaultPipeline* d = [] {
    auto* out = new DefaultPipeline;
    auto book = RuleBook::Load({});
    if (!book.ok()) throw std::runtime_error("default rules: " + book.status().message());
    out->book = std::make_unique<RuleBook>(std::move(book).value());
    auto p = Pipeline::Build(Pipeline::DefaultStages(*out->book), *out->book);
    if (!p.ok()) throw std::runtime_error("default pipeline: " + p.status().message());
    out->pipeline = std::make_unique<Pipeline>(std::move(p).value());
    return out;
  }();
  return *d;
}

Annotations Annotate(const std::string& text, const std::string& date) {
  Document doc;
  doc.id = "test";
  doc.text = text;
  doc.meta.date = date;
  Annotations ann;
  Status s = Defaults().pipeline->Process(doc, ann);
  if (!s.ok()) throw std::runtime_error(s.message());
  return ann;
}

}  // namespace policygraph::testing
