/* georepd: Manager.CreateSession. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

gboolean gr_handle_create_session (GrManager *manager,
                                   GDBusMethodInvocation *invocation,
                                   const char *primary,
                                   const char *host,
                                   const char *secondary,
                                   GVariant *options,
                                   GrDaemon *daemon);

G_END_DECLS
