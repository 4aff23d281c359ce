package dev.kcpim.jpa;

import dev.kcpim.jpa.entity.AlertNoticeEntity;
import dev.kcpim.jpa.entity.AuditEntity;
import dev.kcpim.jpa.entity.LastLoginEntity;
import dev.kcpim.jpa.entity.DecisionEntity;
import dev.kcpim.jpa.entity.EligibilityEntity;
import dev.kcpim.jpa.entity.ManagedRoleEntity;
import dev.kcpim.jpa.entity.PolicyEntity;
import dev.kcpim.jpa.entity.RealmStateEntity;
import dev.kcpim.jpa.entity.RenewalEntity;
import dev.kcpim.jpa.entity.RequestEntity;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

public class PimJpaEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PolicyEntity.class, EligibilityEntity.class, RequestEntity.class, DecisionEntity.class, AuditEntity.class,
                ManagedRoleEntity.class, RealmStateEntity.class,
                LastLoginEntity.class, AlertNoticeEntity.class, RenewalEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/pim-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return PimJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
