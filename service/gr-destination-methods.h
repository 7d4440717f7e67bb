/* georepd: Manager methods about destinations. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

gboolean gr_handle_probe_host (GrManager *manager,
                               GDBusMethodInvocation *invocation,
                               const char *host,
                               guint16 port,
                               GVariant *options,
                               GrDaemon *daemon);
gboolean gr_handle_add_destination (GrManager *manager,
                                    GDBusMethodInvocation *invocation,
                                    const char *host,
                                    guint16 port,
                                    const char *user,
                                    const char *fingerprint,
                                    GVariant *options,
                                    GrDaemon *daemon);

G_END_DECLS
