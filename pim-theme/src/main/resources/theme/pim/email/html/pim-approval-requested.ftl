<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg((kind == "EXTENSION")?then("pimExtensionRequestedIntro", "pimApprovalRequestedIntro"), role, requester)}</p>
<#if deadline?has_content><p>${msg("pimApprovalRequestedDeadline", deadline)}</p></#if>
<#include "pim-request-details.ftl">
<#if link?has_content>
<p><a href="${link}">${msg("pimOpenApprovals")}</a></p>
</#if>
<p style="color: #6a6e73; font-size: small;">${msg("pimFooter", realmName)}</p>
</@layout.emailLayout>
