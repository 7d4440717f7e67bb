/* georepd: the links between sessions and destinations.
 *
 * A session belongs to the destination for its secondary host and user;
 * Session.Destination points there and Destination.Sessions lists it back.
 * Both follow the registry's signals and each session's secondary user,
 * one session or destination at a time, so that a thousand sessions
 * appearing cost a thousand small updates, not a thousand full passes. */
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-session-object.h"

struct _GrDestinationLinks {
  GrDestinations *destinations;
  GrRegistry *registry;
  gulong handlers[4];
};

/* What the session learns from its destination: where it is, and the
 * secondary's rsync (which decides whether its files arrive). */
static void
point_session (GrSessionObject *session, GrDestinationObject *destination)
{
  const char *rsync = destination ? gr_destination_get_remote_rsync_version (
                                        GR_DESTINATION (destination))
                                  : NULL;

  gr_session_set_destination (
      GR_SESSION (session),
      destination ? gr_destination_object_get_path (destination) : "/");
  gr_session_object_set_secondary_rsync (session,
                                         rsync && *rsync ? rsync : NULL);
}

/* Points the session at its destination, which it returns (or NULL). */
static GrDestinationObject *
link_session (GrDestinationLinks *links, GrSessionObject *session)
{
  GrSession *iface = GR_SESSION (session);
  GrDestinationObject *destination = gr_destinations_find_by_host (
      links->destinations, gr_session_get_secondary_host (iface),
      gr_session_get_secondary_user (iface));

  point_session (session, destination);
  return destination;
}

static GrDestinationObject *
linked_destination (GrDestinationLinks *links, GrSessionObject *session)
{
  const char *path = gr_session_get_destination (GR_SESSION (session));
  g_autoptr (GPtrArray) all = gr_registry_list_destinations (links->registry);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (gr_destination_object_get_path (all->pdata[i]), path))
      return all->pdata[i];
  return NULL;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Lists the sessions that point at @destination, but @leaving. */
static void
update_sessions (GrDestinationLinks *links,
                 GrDestinationObject *destination,
                 GrSessionObject *leaving)
{
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  const char *path;

  if (destination == NULL)
    return;
  sessions = gr_registry_list_sessions (links->registry);
  paths = g_ptr_array_new ();
  path = gr_destination_object_get_path (destination);
  for (guint i = 0; i < sessions->len; i++)
    {
      GrSession *iface = sessions->pdata[i];

      if (sessions->pdata[i] != leaving &&
          g_str_equal (gr_session_get_destination (iface), path))
        g_ptr_array_add (
            paths,
            (gpointer) gr_session_object_get_id (sessions->pdata[i])->path);
    }
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  gr_destination_set_sessions (GR_DESTINATION (destination),
                               (const char *const *) paths->pdata);
}

static void
on_user_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrDestinationLinks *links = data;
  GrSessionObject *session = GR_SESSION_OBJECT (object);
  GrDestinationObject *before = linked_destination (links, session);
  GrDestinationObject *after = link_session (links, session);

  if (before == after)
    return;
  update_sessions (links, before, NULL);
  update_sessions (links, after, NULL);
}

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  GrDestinationLinks *links = data;

  g_signal_connect (session, "notify::secondary-user",
                    G_CALLBACK (on_user_changed), links);
  update_sessions (links, link_session (links, session), NULL);
}

static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  GrDestinationLinks *links = data;

  g_signal_handlers_disconnect_by_data (session, links);
  update_sessions (links, linked_destination (links, session), session);
}

/* Destinations come and go rarely: every link is made again. */
static void
relink_all (GrDestinationLinks *links, GrDestinationObject *leaving)
{
  g_autoptr (GPtrArray) sessions = gr_registry_list_sessions (links->registry);
  g_autoptr (GPtrArray) all = gr_registry_list_destinations (links->registry);

  if (leaving != NULL)
    g_ptr_array_remove (all, leaving);
  for (guint i = 0; i < sessions->len; i++)
    {
      GrSession *iface = sessions->pdata[i];
      GrDestinationObject *destination = NULL;

      for (guint j = 0; j < all->len && destination == NULL; j++)
        {
          GrDestinationRecord *record =
              gr_destination_object_get_record (all->pdata[j]);

          if (g_str_equal (record->host,
                           gr_session_get_secondary_host (iface)) &&
              g_str_equal (record->user, gr_session_get_secondary_user (iface)))
            destination = all->pdata[j];
        }
      point_session (sessions->pdata[i], destination);
    }
  for (guint j = 0; j < all->len; j++)
    update_sessions (links, all->pdata[j], NULL);
}

static void
on_rsync_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  relink_all (data, NULL);
}

static void
on_destination_added (GrRegistry *registry,
                      GrDestinationObject *destination,
                      gpointer data)
{
  g_signal_connect (destination, "notify::remote-rsync-version",
                    G_CALLBACK (on_rsync_changed), data);
  relink_all (data, NULL);
}

static void
on_destination_removed (GrRegistry *registry,
                        GrDestinationObject *destination,
                        gpointer data)
{
  g_signal_handlers_disconnect_by_data (destination, data);
  relink_all (data, destination);
}

GrDestinationLinks *
gr_destination_links_new (GrDestinations *destinations, GrRegistry *registry)
{
  GrDestinationLinks *links = g_new0 (GrDestinationLinks, 1);

  links->destinations = destinations;
  links->registry = registry;
  links->handlers[0] = g_signal_connect (registry, "session-added",
                                         G_CALLBACK (on_session_added), links);
  links->handlers[1] = g_signal_connect (
      registry, "session-removed", G_CALLBACK (on_session_removed), links);
  links->handlers[2] = g_signal_connect (
      registry, "destination-added", G_CALLBACK (on_destination_added), links);
  links->handlers[3] =
      g_signal_connect (registry, "destination-removed",
                        G_CALLBACK (on_destination_removed), links);
  return links;
}

void
gr_destination_links_free (GrDestinationLinks *links)
{
  for (guint i = 0; i < G_N_ELEMENTS (links->handlers); i++)
    g_clear_signal_handler (&links->handlers[i], links->registry);
  g_free (links);
}
