/* georepd: the registry of sessions, destinations and volumes. */
#include "gr-destination-object.h"
#include "gr-names.h"
#include "gr-registry.h"
#include "gr-session-object.h"

struct _GrRegistry {
  GObject parent;
  GDBusObjectManagerServer *object_manager;
  GHashTable *sessions;     /* label → GrSessionObject (owned) */
  GHashTable *destinations; /* label → GrDestinationObject (owned) */
  GHashTable *volumes;      /* name → GrVolumeInfo (owned) */
  GStrv volume_names;       /* sorted as gluster lists them */
};

enum {
  SESSION_ADDED,
  SESSION_REMOVED,
  DESTINATION_ADDED,
  DESTINATION_REMOVED,
  N_SIGNALS,
};

enum {
  PROP_0,
  PROP_VOLUME_NAMES,
  N_PROPS,
};

static guint signals[N_SIGNALS];
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (GrRegistry, gr_registry, G_TYPE_OBJECT)

static void
gr_registry_finalize (GObject *object)
{
  GrRegistry *self = GR_REGISTRY (object);

  g_hash_table_unref (self->sessions);
  g_hash_table_unref (self->destinations);
  g_hash_table_unref (self->volumes);
  g_strfreev (self->volume_names);
  g_object_unref (self->object_manager);
  G_OBJECT_CLASS (gr_registry_parent_class)->finalize (object);
}

static void
gr_registry_get_property (GObject *object,
                          guint id,
                          GValue *value,
                          GParamSpec *pspec)
{
  GrRegistry *self = GR_REGISTRY (object);

  if (id == PROP_VOLUME_NAMES)
    g_value_set_boxed (value, self->volume_names);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static guint
new_signal (const char *name, GType type)
{
  return g_signal_new (name, GR_TYPE_REGISTRY, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                       NULL, G_TYPE_NONE, 1, type);
}

static void
gr_registry_class_init (GrRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_registry_finalize;
  object_class->get_property = gr_registry_get_property;
  props[PROP_VOLUME_NAMES] =
      g_param_spec_boxed ("volume-names", NULL, NULL, G_TYPE_STRV,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SESSION_ADDED] = new_signal ("session-added", GR_TYPE_SESSION_OBJECT);
  signals[SESSION_REMOVED] =
      new_signal ("session-removed", GR_TYPE_SESSION_OBJECT);
  signals[DESTINATION_ADDED] =
      new_signal ("destination-added", GR_TYPE_DESTINATION_OBJECT);
  signals[DESTINATION_REMOVED] =
      new_signal ("destination-removed", GR_TYPE_DESTINATION_OBJECT);
}

static void
gr_registry_init (GrRegistry *self)
{
  const char *const none[] = { NULL };

  self->object_manager = g_dbus_object_manager_server_new (GR_DBUS_PATH);
  self->sessions =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->destinations =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->volumes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) gr_volume_info_free);
  self->volume_names = g_strdupv ((char **) none);
}

GrRegistry *
gr_registry_new (void)
{
  return g_object_new (GR_TYPE_REGISTRY, NULL);
}

GDBusObjectManagerServer *
gr_registry_get_object_manager (GrRegistry *self)
{
  return self->object_manager;
}

/* Each object gets a GrObjectSkeleton of its own at its path; the
 * ObjectManager holds it, and it holds the interface. */
static void export(GrRegistry *self,
                   const char *path,
                   GDBusInterfaceSkeleton *iface)
{
  g_autoptr (GDBusObjectSkeleton) object = g_dbus_object_skeleton_new (path);

  g_dbus_object_skeleton_add_interface (object, iface);
  g_dbus_object_manager_server_export (self->object_manager, object);
}

static GPtrArray *
list_values (GHashTable *table)
{
  GPtrArray *list = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  return list;
}

GrSessionObject *
gr_registry_lookup_session (GrRegistry *self, const char *label)
{
  return g_hash_table_lookup (self->sessions, label);
}

void
gr_registry_add_session (GrRegistry *self, GrSessionObject *session)
{
  const GrSessionId *id = gr_session_object_get_id (session);

  g_hash_table_replace (self->sessions, g_strdup (id->label),
                        g_object_ref (session));
  export(self, id->path, G_DBUS_INTERFACE_SKELETON (session));
  g_debug ("Session %s::%s::%s appeared", id->primary, id->host, id->secondary);
  g_signal_emit (self, signals[SESSION_ADDED], 0, session);
}

void
gr_registry_remove_session (GrRegistry *self, GrSessionObject *session)
{
  g_autoptr (GrSessionObject) held = g_object_ref (session);
  const GrSessionId *id = gr_session_object_get_id (session);

  g_debug ("Session %s::%s::%s vanished", id->primary, id->host, id->secondary);
  g_signal_emit (self, signals[SESSION_REMOVED], 0, session);
  g_dbus_object_manager_server_unexport (self->object_manager, id->path);
  g_hash_table_remove (self->sessions, id->label);
}

GPtrArray *
gr_registry_list_sessions (GrRegistry *self)
{
  return list_values (self->sessions);
}

GrDestinationObject *
gr_registry_lookup_destination (GrRegistry *self, const char *label)
{
  return g_hash_table_lookup (self->destinations, label);
}

void
gr_registry_add_destination (GrRegistry *self, GrDestinationObject *destination)
{
  g_hash_table_replace (
      self->destinations,
      g_strdup (gr_destination_object_get_label (destination)),
      g_object_ref (destination));
  export(self, gr_destination_object_get_path (destination),
         G_DBUS_INTERFACE_SKELETON (destination));
  g_signal_emit (self, signals[DESTINATION_ADDED], 0, destination);
}

void
gr_registry_remove_destination (GrRegistry *self,
                                GrDestinationObject *destination)
{
  g_autoptr (GrDestinationObject) held = g_object_ref (destination);

  g_signal_emit (self, signals[DESTINATION_REMOVED], 0, destination);
  g_dbus_object_manager_server_unexport (
      self->object_manager, gr_destination_object_get_path (destination));
  g_hash_table_remove (self->destinations,
                       gr_destination_object_get_label (destination));
}

GPtrArray *
gr_registry_list_destinations (GrRegistry *self)
{
  return list_values (self->destinations);
}

void
gr_registry_set_volumes (GrRegistry *self, GPtrArray *volumes)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  g_hash_table_remove_all (self->volumes);
  for (guint i = 0; i < volumes->len; i++)
    {
      GrVolumeInfo *volume = volumes->pdata[i];

      g_strv_builder_add (names, volume->name);
      g_hash_table_insert (self->volumes, volume->name, volume);
    }
  /* The table now owns the volumes. */
  g_ptr_array_set_free_func (volumes, NULL);
  list = g_strv_builder_end (names);
  if (g_strv_equal ((const char *const *) list,
                    (const char *const *) self->volume_names))
    return;
  g_strfreev (self->volume_names);
  self->volume_names = g_steal_pointer (&list);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VOLUME_NAMES]);
}

const GrVolumeInfo *
gr_registry_lookup_volume (GrRegistry *self, const char *name)
{
  return g_hash_table_lookup (self->volumes, name);
}
