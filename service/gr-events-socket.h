/* georepd: the listening socket of the events webhook. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The socket systemd passed (georepd.socket, socket activation), else a
 * new one listening on @host (an IPv4 or IPv6 address) and @port. NULL
 * with @error when neither: e.g. when someone else holds the port. */
GSocket *gr_events_socket_open (const char *host, guint port, GError **error);

/* "127.0.0.1:24010", "[::1]:24010": where @socket listens, for a URL. */
char *gr_events_socket_authority (GSocket *socket);

G_END_DECLS
