package dev.switchboard.core.config;

/** A budget in the file: {@code window} is daily, weekly, monthly or total; amounts are US dollars. */
public record BudgetConfig(String window, Double maxUsd, Double softUsd) {}
