<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("pimStandingAccessIntro")}</p>
<table style="border-collapse: collapse;">
<tr><th style="text-align: left; padding: 2px 12px 2px 0;">${msg("pimDetailUser")}</th><th style="text-align: left; padding: 2px 12px 2px 0;">${msg("pimDetailRole")}</th><th style="text-align: left; padding: 2px 0;">${msg("pimDetailHow")}</th></tr>
<#list alertItems as item>
<tr><td style="padding: 2px 12px 2px 0;">${item.username}</td><td style="padding: 2px 12px 2px 0;">${item.role}</td><td style="padding: 2px 0;">${item.detail}</td></tr>
</#list>
</table>
<#if link?has_content>
<p><a href="${link}">${msg("pimOpenAlerts")}</a></p>
</#if>
<p style="color: #6a6e73; font-size: small;">${msg("pimFooter", realmName)}</p>
</@layout.emailLayout>
