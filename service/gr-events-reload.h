/* georepd: making this node's glustereventsd read the webhooks again. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Sends SIGUSR2 (its reload, what `systemctl reload glustereventsd`
 * sends) to the glustereventsd of this node: the one in georepd's
 * network namespace whose parent is not a glustereventsd. Returns how
 * many were signalled; 0 when none runs. */
guint gr_events_reload_glustereventsd (void);

typedef struct _GrEventsReload GrEventsReload;

/* Watches @glusterd_dir/events/webhooks.json (which gluster-eventsapi
 * copies to every node of the cluster) and reloads this node's
 * glustereventsd when its content changes. */
GrEventsReload *gr_events_reload_new (const char *glusterd_dir);
void gr_events_reload_free (GrEventsReload *reload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrEventsReload, gr_events_reload_free)

G_END_DECLS
