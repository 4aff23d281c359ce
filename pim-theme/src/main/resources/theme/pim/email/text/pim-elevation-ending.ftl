<#ftl output_format="plainText">
${msg("pimElevationEndingIntro", role, endsAt)}

<#include "pim-request-details.ftl">
<#if link?has_content>

${msg("pimElevationEndingAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
