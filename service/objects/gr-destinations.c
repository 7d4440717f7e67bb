/* georepd: destination persistence and lookups. */
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-label.h"

struct _GrDestinations {
  GrRegistry *registry;
  char *state_dir;
  char *known_hosts;
  char *ssh_dir;
  GrDestinationLinks *links;
};

static void
register_destination (GrDestinations *self, GrDestinationObject *destination)
{
  gr_registry_add_destination (
      self->registry, gr_destination_object_get_label (destination),
      gr_destination_object_get_path (destination), destination);
}

static void
load (GrDestinations *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = gr_store_load (self->state_dir, &error);

  if (records == NULL)
    {
      g_warning ("Cannot load the destinations: %s", error->message);
      return;
    }
  /* The objects own the records from here on. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (GrDestinationObject) destination =
          gr_destination_object_new (records->pdata[i], self);

      register_destination (self, destination);
    }
}

GrDestinations *
gr_destinations_new (const GrConfig *config, GrRegistry *registry)
{
  GrDestinations *self = g_new0 (GrDestinations, 1);

  self->registry = registry;
  self->state_dir = g_strdup (config->state_directory);
  self->known_hosts =
      g_build_filename (config->state_directory, "known_hosts", NULL);
  self->ssh_dir = g_build_filename (g_get_home_dir (), ".ssh", NULL);
  self->links = gr_destination_links_new (self, registry);
  load (self);
  return self;
}

void
gr_destinations_free (GrDestinations *self)
{
  gr_destination_links_free (self->links);
  g_free (self->state_dir);
  g_free (self->known_hosts);
  g_free (self->ssh_dir);
  g_free (self);
}

const char *
gr_destinations_known_hosts (GrDestinations *self)
{
  return self->known_hosts;
}

const char *
gr_destinations_ssh_dir (GrDestinations *self)
{
  return self->ssh_dir;
}

GrDestinationObject *
gr_destinations_lookup (GrDestinations *self,
                        const char *user,
                        const char *host)
{
  g_autofree char *label = gr_destination_label (user, host);

  return gr_registry_lookup_destination (self->registry, label);
}

gboolean
gr_destinations_save (GrDestinations *self, GError **error)
{
  g_autoptr (GPtrArray) destinations =
      gr_registry_list_destinations (self->registry);
  g_autoptr (GPtrArray) records = g_ptr_array_new ();

  for (guint i = 0; i < destinations->len; i++)
    g_ptr_array_add (records,
                     gr_destination_object_get_record (destinations->pdata[i]));
  return gr_store_save (self->state_dir, records, error);
}

GrDestinationObject *
gr_destinations_add (GrDestinations *self,
                     GrDestinationRecord *record,
                     GError **error)
{
  g_autoptr (GrDestinationObject) destination =
      gr_destination_object_new (record, self);

  register_destination (self, destination);
  if (!gr_destinations_save (self, error))
    {
      gr_registry_remove_destination (
          self->registry, gr_destination_object_get_label (destination));
      return NULL;
    }
  return destination;
}

gboolean
gr_destinations_remove (GrDestinations *self,
                        GrDestinationObject *destination,
                        GError **error)
{
  gr_registry_remove_destination (
      self->registry, gr_destination_object_get_label (destination));
  return gr_destinations_save (self, error);
}

GrDestinationObject *
gr_destinations_find_by_host (GrDestinations *self,
                              const char *host,
                              const char *user)
{
  g_autoptr (GPtrArray) destinations =
      gr_registry_list_destinations (self->registry);

  for (guint i = 0; i < destinations->len; i++)
    {
      GrDestinationRecord *record =
          gr_destination_object_get_record (destinations->pdata[i]);

      if (g_str_equal (record->host, host) &&
          (user == NULL || g_str_equal (record->user, user)))
        return destinations->pdata[i];
    }
  return NULL;
}

void
gr_destinations_session_defaults (GrDestinations *self,
                                  const char *host,
                                  const char **user,
                                  guint16 *port)
{
  GrDestinationObject *destination =
      gr_destinations_find_by_host (self, host, *user);
  GrDestinationRecord *record;

  if (destination == NULL)
    return;
  record = gr_destination_object_get_record (destination);
  if (*user == NULL)
    *user = record->user;
  if (*port == 0 && record->port != 22)
    *port = record->port;
}

/* Root's key pair, as gr_ssh_root_key() makes it. */
static char *
find_identity (GrDestinations *destinations)
{
  const char *const names[] = { "id_ed25519", "id_rsa", NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_build_filename (
          gr_destinations_ssh_dir (destinations), names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

GrSshTarget *
gr_destinations_new_target (GrDestinationObject *destination, guint timeout)
{
  GrDestinations *self = gr_destination_object_get_destinations (destination);
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  g_autofree char *identity = find_identity (self);

  return gr_ssh_target_new (record->host, record->port, record->user,
                            record->fingerprint, self->known_hosts, identity,
                            timeout);
}

GrRegistry *
gr_destinations_get_registry (GrDestinations *self)
{
  return self->registry;
}
