/* georepd: who is at the other end of a connection to the listener. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The peer a connection counts against: "uid N" when the other end is a
 * socket of this machine (its owner, as the kernel's socket diagnostics
 * report it), else "address A" (its IP address). A local user reaches
 * 127.0.0.1 from any address of 127.0.0.0/8, so only the owner tells
 * local users apart. */
char *gr_events_peer_key (GSocketConnection *connection);

G_END_DECLS
