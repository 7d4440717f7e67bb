/* georepd: telling systemd about the service's state. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sends @state ("READY=1", "STOPPING=1") to $NOTIFY_SOCKET, if set. */
void gr_notify (const char *state);

G_END_DECLS
