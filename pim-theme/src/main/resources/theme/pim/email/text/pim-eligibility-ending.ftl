<#ftl output_format="plainText">
${msg("pimEligibilityEndingIntro", role, endsAt)}
<#if link?has_content>

${msg("pimEligibilityEndingAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
