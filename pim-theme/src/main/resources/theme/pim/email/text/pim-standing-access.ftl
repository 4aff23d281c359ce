<#ftl output_format="plainText">
${msg("pimStandingAccessIntro")}

<#list alertItems as item>
- ${item.username}: ${item.role} (${item.detail})
</#list>
<#if link?has_content>

${msg("pimStandingAccessAction")}
${link}
</#if>

${msg("pimFooter", realmName)}
