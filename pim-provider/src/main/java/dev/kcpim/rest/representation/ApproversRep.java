package dev.kcpim.rest.representation;

import java.util.List;

public record ApproversRep(List<String> users, List<String> groups, List<String> roles) {
}
