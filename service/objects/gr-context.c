/* georepd: the parts' shared context (gr-context.h). */
#include "gr-context.h"

struct _GrContext {
  const GrConfig *config;
  GrGluster *gluster;
  GrRefresher *refresher;
  GrRegistry *registry;
  GrDestinations *destinations;
};

GrContext *
gr_context_new (const GrConfig *config,
                GrGluster *gluster,
                GrRefresher *refresher,
                GrRegistry *registry)
{
  GrContext *context = g_new0 (GrContext, 1);

  context->config = config;
  context->gluster = gluster;
  context->refresher = refresher;
  context->registry = registry;
  return context;
}

void
gr_context_free (GrContext *context)
{
  g_free (context);
}

void
gr_context_set_destinations (GrContext *context, GrDestinations *destinations)
{
  context->destinations = destinations;
}

const GrConfig *
gr_context_get_config (GrContext *context)
{
  return context->config;
}

GrGluster *
gr_context_get_gluster (GrContext *context)
{
  return context->gluster;
}

GrRefresher *
gr_context_get_refresher (GrContext *context)
{
  return context->refresher;
}

GrRegistry *
gr_context_get_registry (GrContext *context)
{
  return context->registry;
}

GrDestinations *
gr_context_get_destinations (GrContext *context)
{
  return context->destinations;
}
