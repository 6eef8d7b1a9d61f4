#include "output/graph_svg.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>

// Graphviz's font layer (fontconfig, through its pango plugin) keeps caches for the process's
// life: LeakSanitizer (scripts/test --sanitize) is told they are not ours to free.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libgvplugin_\nleak:libfontconfig.so\nleak:libpango\n"
         "leak:libcairo\n";
}

namespace policygraph {
namespace {

struct GraphClose {
  void operator()(Agraph_t* g) const { agclose(g); }
};

// The process's one Graphviz context, created on first use and never freed: Graphviz 2.43 cannot
// free a context and create another (its pango plugin reads font names the first one freed).
GVC_t* Context() {
  static GVC_t* const context = gvContext();
  return context;
}

std::mutex& GraphvizMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

StatusOr<std::string> RenderSvg(const std::string& dot) {
  std::lock_guard<std::mutex> lock(GraphvizMutex());
  GVC_t* gvc = Context();
  if (gvc == nullptr) return Status::DataLoss("Graphviz: cannot create a context");
  std::unique_ptr<Agraph_t, GraphClose> g(agmemread(dot.c_str()));
  if (!g) return Status::DataLoss("Graphviz: cannot read the report's graph");
  if (gvLayout(gvc, g.get(), "dot") != 0) return Status::DataLoss("Graphviz: layout failed");
  char* data = nullptr;
  unsigned int length = 0;
  const int rendered = gvRenderData(gvc, g.get(), "svg", &data, &length);
  std::string svg = rendered == 0 && data != nullptr ? std::string(data, length) : std::string();
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(gvc, g.get());
  if (rendered != 0) return Status::DataLoss("Graphviz: cannot render SVG");
  const size_t at = svg.find("<svg");
  if (at == std::string::npos) return Status::DataLoss("Graphviz: no <svg> in its output");
  return svg.substr(at);
}

}  // namespace policygraph
