package dev.kcpim.token.saml;

import dev.kcpim.domain.TokenCap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.dom.saml.v2.assertion.StatementAbstractType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RoleModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.saml.mappers.AttributeStatementHelper;
import org.keycloak.protocol.saml.mappers.HardcodedRole;
import org.keycloak.protocol.saml.mappers.SAMLRoleListMapper;
import org.keycloak.protocol.saml.mappers.SAMLRoleNameMapper;

/**
 * The role attribute of a SAML assertion as Keycloak's role list mapper writes it, and the values of
 * left-out roles to take out of it. {@code SamlProtocol} runs only the last {@link SAMLRoleListMapper}
 * of the client's sorted mappers; it writes every role of the client session context under the
 * mapper's {@code attribute.name} (one attribute with many values, or one attribute per role), named
 * by the first {@link SAMLRoleNameMapper} that maps it, else by its bare name (client roles too), plus
 * the values of {@link HardcodedRole} mappers.
 */
final class SamlRoleAttribute {
    private final String attributeName;
    private final Set<String> valuesToRemove;

    private SamlRoleAttribute(String attributeName, Set<String> valuesToRemove) {
        this.attributeName = attributeName;
        this.valuesToRemove = valuesToRemove;
    }

    /** The role attribute of the client session's assertion and the values of {@code leaveOut} to take out; null without a role list mapper. */
    static SamlRoleAttribute of(KeycloakSession session, ClientSessionContext ctx, Collection<RoleModel> leaveOut) {
        List<Map.Entry<ProtocolMapperModel, ProtocolMapper>> mappers = ProtocolMapperUtils.getSortedProtocolMappers(session, ctx).toList();
        ProtocolMapperModel roleList = null;
        List<Map.Entry<ProtocolMapperModel, ProtocolMapper>> nameMappers = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (Map.Entry<ProtocolMapperModel, ProtocolMapper> entry : mappers) {
            if (entry.getValue() instanceof SAMLRoleListMapper) {
                roleList = entry.getKey();
            }
            if (entry.getValue() instanceof SAMLRoleNameMapper) {
                nameMappers.add(entry);
            }
            if (entry.getValue() instanceof HardcodedRole) {
                kept.add(entry.getKey().getConfig().get(HardcodedRole.ROLE_ATTRIBUTE));
            }
        }
        if (roleList == null) {
            return null;
        }
        Set<String> leftOutIds = leaveOut.stream().map(RoleModel::getId).collect(Collectors.toSet());
        ctx.getRolesStream().filter(role -> !leftOutIds.contains(role.getId())).map(role -> shownAs(role, nameMappers)).forEach(kept::add);
        Set<String> leftOut = leaveOut.stream().map(role -> shownAs(role, nameMappers)).collect(Collectors.toSet());
        return new SamlRoleAttribute(roleList.getConfig().get(AttributeStatementHelper.SAML_ATTRIBUTE_NAME),
                TokenCap.roleValuesToRemove(leftOut, kept));
    }

    private static String shownAs(RoleModel role, List<Map.Entry<ProtocolMapperModel, ProtocolMapper>> nameMappers) {
        return nameMappers.stream()
                .map(entry -> ((SAMLRoleNameMapper) entry.getValue()).mapName(entry.getKey(), role))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(role.getName());
    }

    /**
     * Takes the values out of the role attribute, and an attribute left without values out of its
     * statement. The assertion's statements cannot be removed one by one, so a statement left empty
     * (which SAML does not allow) is dropped by returning a copy of the assertion without it.
     */
    AssertionType removeFrom(AssertionType assertion) {
        if (valuesToRemove.isEmpty() || attributeName == null) {
            return assertion;
        }
        boolean emptied = false;
        for (AttributeStatementType statement : assertion.getAttributeStatements()) {
            for (AttributeStatementType.ASTChoiceType choice : List.copyOf(statement.getAttributes())) {
                AttributeType attribute = choice.getAttribute();
                if (attribute == null || !attributeName.equals(attribute.getName())) {
                    continue;
                }
                for (Object value : List.copyOf(attribute.getAttributeValue())) {
                    if (value != null && valuesToRemove.contains(value.toString())) {
                        attribute.removeAttributeValue(value);
                    }
                }
                if (attribute.getAttributeValue().isEmpty()) {
                    statement.removeAttribute(choice);
                }
            }
            emptied |= statement.getAttributes().isEmpty();
        }
        return emptied ? withoutEmptyStatements(assertion) : assertion;
    }

    private static AssertionType withoutEmptyStatements(AssertionType assertion) {
        AssertionType copy = new AssertionType(assertion.getID(), assertion.getIssueInstant());
        copy.setIssuer(assertion.getIssuer());
        copy.setSubject(assertion.getSubject());
        copy.setConditions(assertion.getConditions());
        copy.setAdvice(assertion.getAdvice());
        copy.setSignature(assertion.getSignature());
        for (StatementAbstractType statement : assertion.getStatements()) {
            if (!(statement instanceof AttributeStatementType attributes) || !attributes.getAttributes().isEmpty()) {
                copy.addStatement(statement);
            }
        }
        return copy;
    }
}
