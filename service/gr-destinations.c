/* georepd: destination registry, persistence and session links. */
#include "gr-destinations.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-session-object.h"

struct _GrDestinations {
  GHashTable *by_label; /* label → GrDestinationObject */
  char *known_hosts;
  char *ssh_dir;
};

static GrDestinationObject *
destination_object_new (GrDaemon *daemon, GrDestinationRecord *record)
{
  GrDestinationObject *destination = g_new0 (GrDestinationObject, 1);

  destination->daemon = daemon;
  destination->record = record;
  destination->label = gr_destination_label (record->user, record->host);
  destination->path = gr_destination_path (record->user, record->host);
  destination->object = gr_object_skeleton_new (destination->path);
  destination->iface = gr_destination_skeleton_new ();
  gr_destination_object_sync (destination);
  gr_object_skeleton_set_destination (destination->object, destination->iface);
  gr_destination_object_connect_methods (destination);
  return destination;
}

static void
destination_object_free (GrDestinationObject *destination)
{
  gr_destination_record_free (destination->record);
  g_free (destination->label);
  g_free (destination->path);
  g_clear_object (&destination->iface);
  g_clear_object (&destination->object);
  g_free (destination);
}

void
gr_destination_object_sync (GrDestinationObject *destination)
{
  GrDestinationRecord *record = destination->record;
  GrDestination *iface = destination->iface;
  const char *const none[] = { NULL };

  if (gr_destination_get_sessions (iface) == NULL)
    gr_destination_set_sessions (iface, none);
  gr_destination_set_host (iface, record->host);
  gr_destination_set_port (iface, record->port);
  gr_destination_set_user (iface, record->user);
  gr_destination_set_host_key_fingerprint (iface, record->fingerprint);
  gr_destination_set_host_key_type (iface,
                                    record->key_type ? record->key_type : "");
  gr_destination_set_passwordless (
      iface, record->passwordless ? record->passwordless : "unknown");
  gr_destination_set_last_test_time (iface, record->last_test_time);
  gr_destination_set_last_test_message (
      iface, record->last_test_message ? record->last_test_message : "");
  gr_destination_set_remote_gluster_version (
      iface,
      record->remote_gluster_version ? record->remote_gluster_version : "");
  gr_destination_set_remote_volumes (
      iface, record->remote_volumes
                 ? (const char *const *) record->remote_volumes
                 : none);
}

static void export(GrDaemon *daemon, GrDestinationObject *destination)
{
  g_hash_table_insert (daemon->destinations->by_label, destination->label,
                       destination);
  g_dbus_object_manager_server_export (
      daemon->object_manager, G_DBUS_OBJECT_SKELETON (destination->object));
}

GrDestinations *
gr_destinations_new (GrDaemon *daemon)
{
  GrDestinations *destinations = g_new0 (GrDestinations, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;

  destinations->by_label = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) destination_object_free);
  destinations->known_hosts =
      g_build_filename (daemon->config->state_directory, "known_hosts", NULL);
  destinations->ssh_dir = g_build_filename (g_get_home_dir (), ".ssh", NULL);
  daemon->destinations = destinations;
  records = gr_store_load (daemon->config->state_directory, &error);
  if (records == NULL)
    {
      g_warning ("Cannot load the destinations: %s", error->message);
      return destinations;
    }
  /* The registry owns the records from here on. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    export(daemon, destination_object_new (daemon, records->pdata[i]));
  return destinations;
}

void
gr_destinations_free (GrDestinations *destinations)
{
  g_hash_table_unref (destinations->by_label);
  g_free (destinations->known_hosts);
  g_free (destinations->ssh_dir);
  g_free (destinations);
}

const char *
gr_destinations_known_hosts (GrDaemon *daemon)
{
  return daemon->destinations->known_hosts;
}

const char *
gr_destinations_ssh_dir (GrDaemon *daemon)
{
  return daemon->destinations->ssh_dir;
}

GrDestinationObject *
gr_destinations_lookup (GrDaemon *daemon, const char *user, const char *host)
{
  g_autofree char *label = gr_destination_label (user, host);

  return g_hash_table_lookup (daemon->destinations->by_label, label);
}

gboolean
gr_destinations_save (GrDaemon *daemon, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new ();
  GHashTableIter iter;
  GrDestinationObject *destination;

  g_hash_table_iter_init (&iter, daemon->destinations->by_label);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &destination))
    g_ptr_array_add (records, destination->record);
  return gr_store_save (daemon->config->state_directory, records, error);
}

GrDestinationObject *
gr_destinations_add (GrDaemon *daemon,
                     GrDestinationRecord *record,
                     GError **error)
{
  GrDestinationObject *destination = destination_object_new (daemon, record);

  export(daemon, destination);
  gr_destinations_update_links (daemon);
  if (!gr_destinations_save (daemon, error))
    {
      gr_destinations_remove (daemon, destination, NULL);
      return NULL;
    }
  return destination;
}

gboolean
gr_destinations_remove (GrDaemon *daemon,
                        GrDestinationObject *destination,
                        GError **error)
{
  g_dbus_object_manager_server_unexport (daemon->object_manager,
                                         destination->path);
  g_hash_table_remove (daemon->destinations->by_label, destination->label);
  gr_destinations_update_links (daemon);
  return gr_destinations_save (daemon, error);
}

static GrDestinationObject *
find_by_host (GrDaemon *daemon, const char *host, const char *user)
{
  GHashTableIter iter;
  GrDestinationObject *destination;

  g_hash_table_iter_init (&iter, daemon->destinations->by_label);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &destination))
    if (g_str_equal (destination->record->host, host) &&
        (user == NULL || g_str_equal (destination->record->user, user)))
      return destination;
  return NULL;
}

void
gr_destinations_session_defaults (GrDaemon *daemon,
                                  const char *host,
                                  const char **user,
                                  guint16 *port)
{
  GrDestinationObject *destination = find_by_host (daemon, host, *user);

  if (destination == NULL)
    return;
  if (*user == NULL)
    *user = destination->record->user;
  if (*port == 0 && destination->record->port != 22)
    *port = destination->record->port;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

void
gr_destinations_update_links (GrDaemon *daemon)
{
  const char *const none[] = { NULL };
  g_autoptr (GHashTable) links = g_hash_table_new_full (
      g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  GrSessionObject *session;
  GrDestinationObject *destination;

  g_hash_table_iter_init (&iter, daemon->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    {
      GPtrArray *paths;

      destination =
          find_by_host (daemon, session->host,
                        gr_session_get_secondary_user (session->iface));
      gr_session_set_destination (session->iface,
                                  destination ? destination->path : "/");
      if (destination == NULL)
        continue;
      if ((paths = g_hash_table_lookup (links, destination)) == NULL)
        g_hash_table_insert (links, destination, paths = g_ptr_array_new ());
      g_ptr_array_add (paths, session->path);
    }
  g_hash_table_iter_init (&iter, daemon->destinations->by_label);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &destination))
    {
      GPtrArray *paths = g_hash_table_lookup (links, destination);

      if (paths != NULL)
        {
          g_ptr_array_sort (paths, compare_paths);
          g_ptr_array_add (paths, NULL);
        }
      gr_destination_set_sessions (destination->iface,
                                   paths ? (const char *const *) paths->pdata
                                         : none);
    }
}
