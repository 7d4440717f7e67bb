/* georepd: what the Manager's method files share (gr-manager.c,
 * gr-manager-create-session.c, gr-manager-destinations.c). */
#pragma once

#include "gr-manager.h"

G_BEGIN_DECLS

GrRefresher *gr_manager_object_get_refresher (GrManagerObject *self);
GrDestinations *gr_manager_object_get_destinations (GrManagerObject *self);

gboolean gr_manager_handle_create_session (GrManager *manager,
                                           GDBusMethodInvocation *invocation,
                                           const char *primary,
                                           const char *host,
                                           const char *secondary,
                                           GVariant *options);
gboolean gr_manager_handle_probe_host (GrManager *manager,
                                       GDBusMethodInvocation *invocation,
                                       const char *host,
                                       guint16 port,
                                       GVariant *options);
gboolean gr_manager_handle_add_destination (GrManager *manager,
                                            GDBusMethodInvocation *invocation,
                                            const char *host,
                                            guint16 port,
                                            const char *user,
                                            const char *fingerprint,
                                            GVariant *options);

G_END_DECLS
