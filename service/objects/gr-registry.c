/* georepd: the registry of session and destination objects
 * (gr-registry.h). */
#include "gr-names.h"
#include "gr-registry.h"

/* One exported object: the interface skeleton and where it lives. */
typedef struct {
  GObject *object;
  char *path;
} GrRegistryEntry;

struct _GrRegistry {
  GObject parent;
  GDBusObjectManagerServer *object_manager;
  GHashTable *sessions;     /* label → GrRegistryEntry (owned) */
  GHashTable *destinations; /* label → GrRegistryEntry (owned) */
};

enum {
  SESSION_ADDED,
  SESSION_REMOVED,
  DESTINATION_ADDED,
  DESTINATION_REMOVED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrRegistry, gr_registry, G_TYPE_OBJECT)

static void
entry_free (GrRegistryEntry *entry)
{
  g_object_unref (entry->object);
  g_free (entry->path);
  g_free (entry);
}

static void
gr_registry_finalize (GObject *object)
{
  GrRegistry *self = GR_REGISTRY (object);

  g_hash_table_unref (self->sessions);
  g_hash_table_unref (self->destinations);
  g_object_unref (self->object_manager);
  G_OBJECT_CLASS (gr_registry_parent_class)->finalize (object);
}

static guint
new_signal (const char *name)
{
  return g_signal_new (name, GR_TYPE_REGISTRY, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                       NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
gr_registry_class_init (GrRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_registry_finalize;
  signals[SESSION_ADDED] = new_signal ("session-added");
  signals[SESSION_REMOVED] = new_signal ("session-removed");
  signals[DESTINATION_ADDED] = new_signal ("destination-added");
  signals[DESTINATION_REMOVED] = new_signal ("destination-removed");
}

static void
gr_registry_init (GrRegistry *self)
{
  self->object_manager = g_dbus_object_manager_server_new (GR_DBUS_PATH);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) entry_free);
  self->destinations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) entry_free);
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

/* Each object gets a GDBusObjectSkeleton of its own at its path; the
 * ObjectManager holds it, and it holds the interface. */
static void
add (GrRegistry *self,
     GHashTable *table,
     const char *label,
     const char *path,
     gpointer object)
{
  GrRegistryEntry *entry = g_new0 (GrRegistryEntry, 1);
  g_autoptr (GDBusObjectSkeleton) exported = g_dbus_object_skeleton_new (path);

  entry->object = g_object_ref (object);
  entry->path = g_strdup (path);
  g_hash_table_replace (table, g_strdup (label), entry);
  g_dbus_object_skeleton_add_interface (exported,
                                        G_DBUS_INTERFACE_SKELETON (object));
  g_dbus_object_manager_server_export (self->object_manager, exported);
}

/* Announces the departure while the object is still exported, then
 * drops it. */
static void
remove_entry (GrRegistry *self,
              GHashTable *table,
              const char *label,
              guint signal)
{
  GrRegistryEntry *entry = g_hash_table_lookup (table, label);
  g_autoptr (GObject) held = NULL;
  g_autofree char *path = NULL;

  if (entry == NULL)
    return;
  held = g_object_ref (entry->object);
  path = g_strdup (entry->path);
  g_signal_emit (self, signals[signal], 0, held);
  g_dbus_object_manager_server_unexport (self->object_manager, path);
  g_hash_table_remove (table, label);
}

static gpointer
lookup (GHashTable *table, const char *label)
{
  GrRegistryEntry *entry = g_hash_table_lookup (table, label);

  return entry ? entry->object : NULL;
}

static GPtrArray *
list_objects (GHashTable *table)
{
  GPtrArray *list = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  GrRegistryEntry *entry;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (list, entry->object);
  return list;
}

GrSessionObject *
gr_registry_lookup_session (GrRegistry *self, const char *label)
{
  return lookup (self->sessions, label);
}

void
gr_registry_add_session (GrRegistry *self,
                         const GrSessionId *id,
                         GrSessionObject *session)
{
  add (self, self->sessions, id->label, id->path, session);
  g_debug ("Session %s::%s::%s appeared", id->primary, id->host, id->secondary);
  g_signal_emit (self, signals[SESSION_ADDED], 0, session);
}

void
gr_registry_remove_session (GrRegistry *self, const char *label)
{
  g_debug ("Session %s vanished", label);
  remove_entry (self, self->sessions, label, SESSION_REMOVED);
}

GPtrArray *
gr_registry_list_sessions (GrRegistry *self)
{
  return list_objects (self->sessions);
}

GrDestinationObject *
gr_registry_lookup_destination (GrRegistry *self, const char *label)
{
  return lookup (self->destinations, label);
}

void
gr_registry_add_destination (GrRegistry *self,
                             const char *label,
                             const char *path,
                             GrDestinationObject *destination)
{
  add (self, self->destinations, label, path, destination);
  g_signal_emit (self, signals[DESTINATION_ADDED], 0, destination);
}

void
gr_registry_remove_destination (GrRegistry *self, const char *label)
{
  remove_entry (self, self->destinations, label, DESTINATION_REMOVED);
}

GPtrArray *
gr_registry_list_destinations (GrRegistry *self)
{
  return list_objects (self->destinations);
}
