-- Closed vocabularies. Each mirrors an enum of the same name in Sources/RegistryAPI/openapi.yaml;
-- a test compares the two. Scalar vocabularies are text domains, list vocabularies text[] domains.

CREATE DOMAIN sharing_level AS text
    CHECK (VALUE IN ('private', 'network', 'sector', 'public'));

CREATE DOMAIN tool_kind AS text CHECK (VALUE IN (
    'transcription', 'case_summarisation', 'structured_recording', 'translation',
    'general_assistant', 'knowledge_assistant', 'case_file_questions', 'predictive_analytics',
    'referral_triage', 'relationship_mapping', 'redaction', 'child_friendly_records',
    'voice_of_the_child', 'single_view', 'practice_feedback', 'policy_compliance', 'scheduling',
    'assistive_technology', 'other'));

CREATE DOMAIN technology AS text CHECK (VALUE IN (
    'generative_ai', 'machine_learning', 'speech_to_text', 'rules_based', 'non_ai_digital'));

CREATE DOMAIN origin AS text CHECK (VALUE IN (
    'procured', 'in_house', 'co_developed', 'reused_from_authority', 'regional_or_national'));

CREATE DOMAIN phase AS text CHECK (VALUE IN (
    'planned', 'pilot', 'implemented', 'fully_established', 'paused', 'discontinued', 'retired'));

CREATE DOMAIN discontinuation_reasons AS text[] CHECK (VALUE <@ ARRAY[
    'cost', 'accuracy', 'practitioner_take_up', 'information_governance', 'security', 'ethics',
    'integration', 'supplier', 'funding_ended', 'better_alternative', 'negative_evaluation',
    'other']::text[]);

CREATE DOMAIN service_areas AS text[] CHECK (VALUE <@ ARRAY[
    'front_door', 'early_help', 'child_in_need', 'child_protection', 'children_in_care',
    'care_leavers', 'fostering', 'adoption', 'disabled_children', 'youth_justice', 'court_work',
    'workforce', 'business_support', 'other']::text[]);

CREATE DOMAIN network_kind AS text CHECK (VALUE IN (
    'region', 'regional_improvement_alliance', 'regional_care_cooperative', 'demonstrator', 'other'));

CREATE DOMAIN resourcing_stage AS text CHECK (VALUE IN ('develop', 'implement', 'maintain'));

CREATE DOMAIN funding_source AS text CHECK (VALUE IN (
    'own_budget', 'dfe_grant', 'other_government_grant', 'regional_funding', 'supplier_funded',
    'partner_funded', 'other'));

CREATE DOMAIN assessment_kind AS text CHECK (VALUE IN (
    'dpia', 'ethical_impact_assessment', 'equality_impact_assessment',
    'algorithmic_impact_assessment', 'security_assessment', 'staff_consultation',
    'citizen_consultation', 'co_production_with_children_and_families', 'legal_review',
    'benefits_and_risks_review', 'other'));

CREATE DOMAIN assessment_status AS text CHECK (VALUE IN ('planned', 'under_way', 'completed'));

CREATE DOMAIN ethics_principles AS text[] CHECK (VALUE <@ ARRAY[
    'fairness', 'privacy', 'explainability', 'transparency', 'governance',
    'accountability']::text[]);

CREATE DOMAIN safeguards AS text[] CHECK (VALUE <@ ARRAY[
    'human_review', 'bias_testing', 'accuracy_testing', 'data_minimisation', 'uk_data_residency',
    'no_training_on_authority_data', 'retention_limits', 'staff_training', 'family_opt_out',
    'audit_logging', 'incident_process']::text[]);

CREATE DOMAIN risks AS text[] CHECK (VALUE <@ ARRAY[
    'hallucination', 'reproduced_bias', 'over_trust', 'softened_safeguarding_signals',
    'loss_of_nuance', 'families_feel_judged', 'privacy_and_data_leaving',
    'records_used_as_evidence', 'other']::text[]);

CREATE DOMAIN evaluator AS text CHECK (VALUE IN ('internal', 'external', 'provider'));

CREATE DOMAIN evaluation_design AS text CHECK (VALUE IN (
    'pre_post', 'trial', 'time_and_motion', 'qualitative', 'survey', 'accuracy_audit',
    'cost_benefit', 'other'));

CREATE DOMAIN evaluation_status AS text CHECK (VALUE IN ('planned', 'under_way', 'completed'));

CREATE DOMAIN evaluation_outcome AS text CHECK (VALUE IN (
    'positive', 'mixed', 'negative', 'inconclusive'));

CREATE DOMAIN insight_kind AS text CHECK (VALUE IN (
    'impact', 'key_learning', 'help_needed', 'barrier', 'implementation_support',
    'ask_of_government', 'suggestion'));

CREATE DOMAIN insight_scope AS text CHECK (VALUE IN ('local', 'regional', 'national'));

CREATE DOMAIN single_view_status AS text CHECK (VALUE IN (
    'live', 'in_development', 'planned_within_12_months', 'no', 'dont_know'));

CREATE DOMAIN data_sources AS text[] CHECK (VALUE <@ ARRAY[
    'childrens_social_care', 'adult_social_care', 'education', 'send', 'housing',
    'youth_justice', 'probation', 'police', 'revenues_and_benefits', 'domestic_abuse',
    'substance_misuse', 'camhs', 'community_health', 'acute_health', 'other']::text[]);

-- Money in pounds, exact to the penny, never negative.
CREATE DOMAIN money_gbp AS numeric(14, 2) CHECK (VALUE >= 0);
