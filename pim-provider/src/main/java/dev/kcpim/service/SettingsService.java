package dev.kcpim.service;

import dev.kcpim.domain.AuditAction;
import dev.kcpim.domain.PimSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * A realm's {@link PimSettings}, kept as realm attributes {@code pim.settings.<field>} (in Keycloak's realm
 * cache, and in a realm export with the rest of the realm); a field never set, or set outside PIM to
 * something that is not a number in its range, reads as its default.
 */
public final class SettingsService {
    private static final Logger LOG = Logger.getLogger(SettingsService.class);
    static final String PREFIX = "pim.settings.";

    private record Field(String name, ToIntFunction<PimSettings> value) {
    }

    private static final Field[] FIELDS = {
            new Field("tooManyHoldersThreshold", PimSettings::tooManyHoldersThreshold),
            new Field("unusedEligibilityDays", PimSettings::unusedEligibilityDays),
            new Field("staleAccountDays", PimSettings::staleAccountDays),
            new Field("frequentActivationCount", PimSettings::frequentActivationCount),
            new Field("frequentActivationWindowHours", PimSettings::frequentActivationWindowHours),
            new Field("elevationEndingReminderMinutes", PimSettings::elevationEndingReminderMinutes),
    };

    private final RealmModel realm;

    public SettingsService(RealmModel realm) {
        this.realm = realm;
    }

    public PimSettings current() {
        int[] values = new int[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = stored(i);
        }
        return of(values);
    }

    /** Replaces the settings (validated first: bad input changes nothing); audited with the fields that changed. */
    public PimSettings update(PimSettings proposed, AuditLog audit) {
        PimSettings next = proposed.validate();
        PimSettings previous = current();
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Field field : FIELDS) {
            int before = field.value().applyAsInt(previous);
            int after = field.value().applyAsInt(next);
            realm.setAttribute(PREFIX + field.name(), Integer.toString(after));
            if (before != after) {
                changes.put(field.name(), before + " -> " + after);
            }
        }
        AuditLog.Entry entry = AuditLog.entry(AuditAction.SETTINGS_UPDATED);
        changes.forEach(entry::detail);
        audit.record(entry);
        return next;
    }

    /** The stored value of field {@code i}, or its default when it is missing, not a number, or out of its range. */
    private int stored(int i) {
        Field field = FIELDS[i];
        int fallback = field.value().applyAsInt(PimSettings.DEFAULTS);
        String value = realm.getAttribute(PREFIX + field.name());
        if (value == null) {
            return fallback;
        }
        int[] values = new int[FIELDS.length];
        for (int j = 0; j < FIELDS.length; j++) {
            values[j] = FIELDS[j].value().applyAsInt(PimSettings.DEFAULTS);
        }
        try {
            values[i] = Integer.parseInt(value.trim());
            of(values).validate();
            return values[i];
        } catch (RuntimeException unusable) {
            LOG.warnf("PIM settings of realm %s: %s = %s is not usable (%s); its default applies", realm.getName(), field.name(), value,
                    unusable.getMessage());
            return fallback;
        }
    }

    private static PimSettings of(int[] v) {
        return new PimSettings(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
