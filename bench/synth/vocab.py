"""Vocabulary for synthetic council monitoring reports.

Drawn from the six reference reports (../shared/pdf/*/synth_0[1-6]) and the
real council appendices in ../shared/corpus/ (text exports), plus a few
plausible additions so that the generator goes beyond the samples.
"""

FIRST = ["Andy", "Mike", "Sue", "Tony", "Nigel", "Patricia", "Lesley", "Brian", "Helen",
         "Dave", "Sarah", "Steven", "Ian", "Janet", "Alison", "Philip", "Carol", "Graham",
         "Keith", "Martin", "Gareth", "Jane", "Vanessa", "Richard", "Frances", "Bill",
         "Gayle", "Phil", "Charlie", "Thelma", "Neil", "Cath", "Lorna", "Paul", "Heather"]
LAST = ["Fenwick", "Hickling", "Sartoris", "Drummond", "Goddard", "Farrow", "Chester", "Kirk",
        "Stokes", "Bramley", "Thorpe", "Jarvis", "Robinson", "Marshall", "Weston", "Williams",
        "Mulhearn", "Bishop", "Holt", "Oakley", "Ellis", "Hagger", "Pettifer", "Andrews",
        "Craven", "Nichols", "Wells", "Palmer", "Lewis", "Hanney", "Hawkins", "Cozens",
        "Forrester", "Roberts"]
ROLES = ["Head of Policy and Performance", "Corporate Finance Manager", "Assistant Chief Executive",
         "Director of Adult Social Care", "Head of Highways", "County Librarian", "Waste Manager",
         "Director of Resources", "HSED", "ACE (CW)", "CD (KA)", "HFS", "CMT", "ACE (AT)",
         "Equalities Board", "Chief Executive", "Head of Community Safety", "Director of CYPS"]

STATUS_RAG = ["Green", "Green", "Green", "Amber", "Amber", "Red", "Achieved", "GREEN", "AMBER",
              "RED", "ACHIEVED"]
STATUS_WORDS = ["Complete", "Completed", "On track", "Ongoing", "Delayed", "Not started",
                "Achieved", "Complete", "On target", "Slipped"]

DEPTS = ["Community Services", "CYPS", "Resources", "Chief Exec", "CORP", "HTW", "RES", "CYP",
         "Chief Exec", "Adult Social Care", "E&T", "Corporate Resources", "CEX"]
LEVELS = ["High", "High", "Medium", "Low", "Other"]
RISK_LEVELS = ["High", "Medium", "Low", "Very High", "3", "4", "2"]
DEPT_CODES = ["CORP", "SCH", "RES", "CYP", "EAT", "CEX", "CS", "ASC", "HTW", "CHS", "E&T"]

PRIORITIES = [
    "Improve the condition of principal roads", "Support independent living for vulnerable adults",
    "Modernise day services for older people", "Reduce crime and the fear of crime",
    "Improve access to services", "Promote healthy lifestyles",
    "Increase academic achievement – particular focus on Key Stages 2 and 4 and underachieving groups",
    "Housing Strategy", "Annual Report", "Good quality local placements for looked after children",
    "Equality Framework", "Declining satisfaction results",
    "Value for money and efficient use of resources",
    "A new Childrens and Young People Service and integrated child care Services",
    "Respond to Children's Trust requirements", "Deliver the Local Transport Plan",
    "Increase recycling and composting", "Improve road safety", "Improve customer satisfaction",
    "Develop the Council's workforce", "Reduce the number of people killed or seriously injured",
    "Partnership Working", "Reduce carbon emissions from council buildings", "Single Equality Scheme",
    "Implement improvements identified in the Joint Area Review", "Workforce planning",
    "Corporate Governance", "Develop Partnership Strategy", "Develop Council's approach to Efficiencies",
    "Improve life chances and opportunities for vulnerable young people",
    "Reduce processing time of Housing Benefits (Quartile 1)", "Improve collection of rents (Quartile 1)",
    "Improve customer care (Quartile 1)", "Assisting vulnerable households to address fuel poverty (PSA)",
    "Improve council tax collection (Quartile 1)", "Promote social inclusion",
]

VERBS = ["Deliver", "Implement", "Achieve", "Develop", "Complete", "Review", "Extend",
         "Establish", "Introduce", "Increase", "Maintain", "Reduce"]
OBJECTS = [
    "sickness absence to {n} days per full time equivalent employee",
    "the Local Area Agreement targets for stronger communities",
    "the number of older people helped to live at home to {n} per 1,000 population",
    "{n} Children's Centres",
    "the number of people killed or seriously injured on the county's roads by {p}%",
    "the actions detailed in the separate Joint Area Review improvement action plan",
    "the time taken to process Housing Benefit claims to {n} days",
    "the proportion of household waste recycled or composted to {p}%",
    "a Countywide Community Strategy agreed by Council",
    "a new customer service centre and single telephone number",
    "the Medium Term Financial Strategy and a balanced budget",
    "the percentage of principal roads where maintenance should be considered to {p}%",
    "the Better Access to Better Services programme",
    "level {n} of the Equality Standard for Local Government",
    "the corporate asset management plan and disposals programme",
]
BY_WHEN = ["by {date}", "by March {y}", "by 31st March {y}", "during {fy}", "From April {y0}",
           "by the end of Qtr {q}", "by December {y0}", "by Summer {y}", "by {fy}"]

TAILS = [  # second sentence sometimes appended to a commitment
    "N/A – Data will be available in Qrt {q}.", "Work on the {y} report has commenced.",
    "Completed and agreed by Council {d}th {month}, {yy}.",
    "Officers continue to work with the district councils and the Primary Care Trust to deliver the joint action plan.",
    "Population mapping exercise carried out with partners in {y0} to identify eastern European newcomers.",
    "Overall the 2nd year programme has slipped, because of delays in agreeing the Access Strategy.",
    "See also commentary under ref {ref}.",
]

SENTENCES = [
    "Completed and agreed by Council {d}th {month}, {yy}.",
    "Approval given by DCSF to carry forward phase {n} in to {month}'{yy}.",
    "Question included in {y0} user satisfaction survey; field work commencing {month} {y0}.",
    "The number of people killed or seriously injured fell by {p}% compared with the same period last year.",
    "Extended Services Strategy agreed by Cabinet {month} {y0}.",
    "Results available {month} {y}.",
    "N/A – Data will be available in Qrt {q}.",
    "Budget pressures of £{n}k have been identified and are being managed within the department.",
    "Good progress is being made in achieving improvements identified in the action plan.",
    "Officers continue to work with the district councils and the Primary Care Trust to deliver the joint action plan.",
    "In {fy} we lost slightly more foster carers than we gained, {n} were approved and {n2} were deregistered.",
    "Work on the {y} report has commenced.",
    "Target achieved ahead of schedule.",
    "See also commentary under ref {ref}.",
    "Population mapping exercise carried out with partners in {y0} to identify eastern European newcomers.",
    "A further {n} schemes were completed during the quarter at a cost of £{k},000.",
    "The action plan is regularly reviewed and any issues highlighted to the Executive.",
    "Arrangements reviewed, agreed by Cabinet on {d} {month} {y0} and now in place.",
    "Delays in procurement mean the contract will not now be let until Qtr {q}; remedial action agreed with the Portfolio Holder.",
    "A report will be taken to Scrutiny Commission in {month} {y}.",
    "The consultation closed on {d} {month} and {n} responses were received, which are now being analysed.",
    "The recruitment of foster carers remains very challenging; there is increasing competition from the independent sector.",
    "Data quality checks identified {n} records requiring correction; these have been resolved.",
    "Slippage is due to staff vacancies in the team – two posts have now been filled.",
    "Performance at the end of Quarter {q} is {p}% against a target of {p2}%.",
    "The LPSA2 reward grant of £{k},000 is dependent on achieving this target.",
    "Response disappointing.", "GOEM rating now 'medium focus'.", "Completed.", "On target.",
    "See above.", "Achieved.",
    "Membership and procedures reviewed following a Board away day in {month}.",
    # corpus-flavoured additions
    "Hear By Rights Standard adopted by {n2} district councils, of which two have reached 'emerging' level.",
    "Permanent exclusions fell in {fy} to {n} from {n2} the previous year.",
    "This is a shared indicator with Safer Communities.",
    "This indicator is only measured annually - next measurement is in {month} {y}.",
    "Workforce Planning Strategy has been drafted and consulted on with recognised trade unions.",
    "Away Day held {d} {month} {y0}.", "Remains outstanding.", "Timetable approved. Actions commenced.",
    "No major issues identified by external audit during their review.",
    "Project now managed centrally by Leicester Shire Promotions.",
    "Designated Lead Member appointed.",
    "Spend to date of £{k},{n3}00 against a budget of £{k2},000.",
]

BULLETS = [
    "Speed camera partnership review completed and {n} new sites agreed.",
    "established Joint Delivery Officers Group;",
    "{n} schools receive ongoing Primary Strategy training and support for intervention.",
    "multi-agency centre opened and further centres planned;",
    "Challenging progression targets set by all schools.",
    "first four locations for service shops identified for implementation during the first half of {y0};",
    "Fewer schools are now in OFSTED categories as a result of ineffective leadership.",
    "assessments for automated telephone services underway;",
    "OFSTED reports indicate that leadership and management continues to improve and is good overall.",
    "Customer Care Manager appointed;",
    "Succession planning projects are in place and closely monitored.",
    "pilot scheme in place for instant interpretation;",
    "information points in new libraries due for implementation (Measham by summer {yy} and Broughton Astley);",
    "Customer Care Charter to be completed by end of {y0};",
    "options being scoped for ten additional ICT self help points;",
    "Taking part in Making Good Progress Pilot (1 of only 10 LAs)",
    "Advanced Skills Teachers increased, professional development sought and impact on work in school evaluated.",
]

OUTCOMES = ["Improved outcomes for vulnerable adults", "Greater understanding of the drivers of customer satisfaction.",
            "Promote equality issues", "Local vision for housing",
            "More responsive services to community needs and views.", "Relevant data explained as appropriate.",
            "Reduced casualties on the county's roads", "Knowing our communities",
            "Staff have understanding of ethical issues.", "External Audit reliance",
            "Partnership approach to data quality agreed.",
            "Flexible, able skilled and effective workforce.", "Co-ordinated response to Efficiencies and VFM"]
RESOURCES = ["Policy and Performance", "LPSA2 pump priming grant £{n}k", "MPG oversight", "Consultancy Support",
             "Within existing resources", "ESG HoS Performance Group", "£{k},500 pump priming", "None",
             "HR staff. Managers.", "Not yet identified", "Purchase of new computer system",
             "Efficiency Task Group. Change Team.", "Corporate Governance Group"]
MILESTONES = ["Consultation {month} {y0}; adoption {month} {y0}",
              "Report completed by December {y0} Action Plan developed Mar {y}",
              "Schemes updated and reviewed by March {y}",
              "Review position and steps needed following update of Schemes.",
              "Strategy approved – Mar {y}", "Audit Plan completed in timely and efficient manner.",
              "Report approved Nov. {y0}. Distributed Dec. {y0}.", "Ethical hours completed."]
TARGETS = ["5 GCSEs A*-C All pupils: {p}% – {p2}%", "{n} days", "{p}%", "Top quartile", "{n} children",
           "1.97 exclusions per 1000", "{n2} per 1,000", "95% rent collected (BV66a)", "{p}% Satisfaction levels",
           "All excluded pupils to receive their full statutory entitlement (25 hours) to teaching support.",
           "Reduction in number of LAC to {n}"]
INDICATORS = ["Number of people killed or seriously injured in road traffic accidents",
              "Percentage of household waste sent for reuse, recycling and composting",
              "Time taken to process Housing Benefit new claims and change events",
              "Working days lost due to sickness absence", "Adults in contact with secondary mental health services in employment",
              "Proportion of children in poverty", "Number of affordable homes delivered (gross)",
              "Older people helped to live at home per 1,000 population",
              "Achievement of 5 or more A*-C grades at GCSE or equivalent including English and Maths",
              "Perceptions of anti-social behaviour", "Stability of placements of looked after children: number of moves",
              "Improved street and environmental cleanliness (levels of litter, detritus, graffiti and fly posting)",
              "Percentage of invoices paid within 30 days", "Satisfaction with the way the council runs things"]
RISKS = ["Failure to deliver the Medium Term Financial Strategy savings",
         "Loss of key staff in the Revenues and Benefits team",
         "Insufficient capacity to meet demand for adult social care",
         "Failure of the ICT infrastructure during the migration", "Partners withdraw funding from the LSP",
         "Delays in procurement of the waste treatment contract",
         "Data quality weaknesses in performance indicators reported to the Audit Commission"]

DATES = ["31st March {y}", "{fy}", "Ongoing", "March {y}", "December {y0}", "Qtr {q} {fy}",
         "Summer exams {y}", "31st March {y0}", "Mar-{yy}", "Sept {y0}", "April {y}", "2005-{yy}",
         "Nov 2003 BV survey", "30th September {y0}", "By 31/03/{yy}", "Q{q} {fy}", "July {y0}", "2006"]

PI_CODES = ["BV{n}/{q}", "BVPI {n}", "NI {n}", "Local PI {n}a", "LAA 1.{q}.{q2}", "LPSA2 target {q}",
            "NI {n} / LAA", "BV {n}a"]

SECTIONS = ["Use of Resources", "C: A GREENER COUNTY", "C: A GREENER COUNTY - CPA", "Resources Department",
            "Resources Department - CPA", "D: SAFER AND STRONGER COMMUNITIES - CPA", "Corporate Governance",
            "IMPROVING CORE SERVICES - Education", "Leadership and vision Lead: Chief Executive",
            "Children and Young People's Service - CPA", "A: WORKING WITH PARTNERS TO DELIVER QUALITY AND RESPONSIVE SERVICES",
            "Social Care and Health", "Housing", "Education contd.", "B: A SAFER COUNTY",
            "Environment and Transport Department", "Adult Social Care - LAA", "Community Services Department - MTCS",
            "A – Improved Quality of Life for People", "E: HEALTHIER COMMUNITIES AND OLDER PEOPLE",
            "Capital Programme 2007/08", "Corporate Risk Register", "National Indicators - Quarter 2"]
GROUPS = ["Older People", "Learning Disabilities", "Carers", "Financial Management", "Asset Management",
          "Data Quality", "Risk Management", "Performance Management", "Climate Change",
          "Planning and Development", "Flood Risk", "Road Safety", "Children and Young People/Joint Area Review",
          "Waste Management", "Community Safety", "Libraries and Museums", "Highways", "Customer Services",
          "Adult Learning", "Youth Service", "Economic Development", "Transformation", "Equalities"]

TITLES = ["MTCS & Annual Plan Commitments Monitoring Year End {fy}",
          "Corporate Plan Performance Monitoring Report - Quarter {q} {fy}",
          "APPENDIX A - Improvement Plan Progress Report {fy}",
          "PRIORITIES IN THE MEDIUM TERM CORPORATE STRATEGY AND THE COMMUNITY STRATEGY - {ord} QUARTER PROGRESS REPORT {fy}",
          "CPA Improvement Plan and Medium Term Corporate Strategy (MTCS) Monitoring Quarter {q} {fy}",
          "DRAFT CPA IMPROVEMENT PLAN", "Annual Plan {fy} - Progress against Key Actions",
          "Capital and Revenue Monitoring - Quarter {q} {fy}", "Local Area Agreement Performance Report {fy} Quarter {q}"]
RUNNING_HEADS = ["Appendix 1 MTCS and Annual Plan Commitment Monitoring", "Cabinet {d} {month} {y} - Performance Monitoring",
                 "DRAFT CPA IMPROVEMENT PLAN",
                 "CPA Improvement Plan and Medium Term Corporate Strategy (MTCS) Monitoring Quarter {q} {fy}",
                 "Scrutiny Commission {d} {month} {y}", "Performance Monitoring Quarter {q} {fy}"]
HEAD_RIGHT = ["APPENDIX A", "Appendix 1", "", "APPENDIX B", "Appendix 2"]
FOOTERS = ["Page {n} of {m}", "{n}", "- {n} -", "Page {n}"]
FOOTER_LEFT = ["G:\\Committee\\Cabinet\\{isodate}\\Appendix 1.doc", "P:\\Perf Mgmt\\CPA\\Improvement Plan Q{q} {fyd}.doc",
               "S:\\CEX\\Policy\\Performance\\MTCS monitoring {fyd}.doc", "", ""]
LEGENDS = [["Red – significant slippage, target will not be met", "Amber – some slippage but recoverable",
            "Green – on target"],
           ["Green – Achieved", "Amber – Partly achieved", "Red-Not achieved"],
           ["Green – On Trajectory", "Amber - Off Trajectory, but With Prospects For Recovery With Remedial Action",
            "Red- Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory Back On Target",
            "Achieved - Completed on time or ahead of schedule"]]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ORDINALS = ["FIRST", "SECOND", "THIRD", "FOURTH"]

# ---------------------------------------------------------------------------
# Table templates: (header label, column kind).  "familiar" ones are the
# sample layouts; the others are new column sets (some from the corpus).
FAMILIAR = [
    [("REF", "ref"), ("Commitment", "commitment"), ("Responsible Officer", "officer"),
     ("Red/Amber/Green?", "status"), ("Comments On Progress", "comments")],
    [("REF", "ref"), ("Priority", "priority"), ("We will Achieve", "commitment"), ("Responsible Officer", "officer"),
     ("Red/ Amber/ Green/ Achieved", "status"), ("Comments on progress", "comments")],
    [("Ref", "ref"), ("Dept.", "dept"), ("MTCS Priority", "level"), ("Commitment", "commitment"),
     ("Time-Scale (Where Stated)", "date"), ("Responsible Officer", "officer"),
     ("Progress to Date, Explanation for any Shortfall and Corrective Action", "comments")],
    [("Key Priority /Issue", "priority"), ("Key Action", "commitment"), ("Outcome", "outcome"),
     ("Resources", "resources"), ("Responsibility", "officer"), ("Milestones", "milestones"), ("Progress", "comments")],
    [("", "no"), ("AREA FOR IMPROVEMENT", "priority"), ("METHOD OF IMPROVEMENT", "commitment"), ("TARGET", "target"),
     ("DEADLINE", "date"), ("ADDITIONAL RESOURCES", "resources"), ("RESPONSIBILITY", "officer"),
     ("PROGRESS/LATEST POSITION", "comments")],
    [("REF", "ref"), ("Priority", "priority"), ("Action", "commitment"), ("Lead Officer", "officer"),
     ("Target Date", "date"), ("Performance Indicator", "pi"), ("RAG Status", "status"),
     ("Comments on progress", "comments")],
]
UNFAMILIAR = [
    [("No.", "no"), ("What we will do", "commitment"), ("Budget £", "money"), ("Budget 2007/08 (£)", "money"),
     ("Spend to Date £", "money"), ("Lead Officer", "officer")],
    [("Ref", "ref"), ("Key Action", "commitment"), ("Completion Date", "date"), ("Red/ Amber Green/Achieved", "status")],
    [("REF", "ref"), ("HIGH PRIORITIES", "priority"), ("We Will Achieve", "commitment"),
     ("Responsible Officer", "officer"), ("Red/ Amber Green/Achieve d", "status"), ("Comments On Progress", "comments")],
    [("Ref", "ref"), ("Dept.", "dept"), ("MTCS Priority", "level"), ("Commitment", "commitment"),
     ("Time-Scale (Where Stated)", "date"), ("Responsible Officer", "officer"),
     ("Progress to Date, Explanation for any Shortfall and Corrective Action", "comments")],
    [("NI", "piref"), ("Indicator", "indicator"), ("Outturn 2007/08", "number"), ("Target 2008/09", "number"),
     ("Q2 Performance", "number"), ("Status", "status"), ("Comments", "comments")],
    [("LAA Ref", "ref"), ("Outcome", "outcome"), ("Indicator", "indicator"), ("Baseline", "number"),
     ("Target", "target"), ("Lead Partner", "officer"), ("RAG", "status")],
    [("Ref", "ref"), ("Action", "commitment"), ("Milestone", "milestones"), ("Due Date", "date"), ("Lead", "officer"),
     ("Status", "status2"), ("Update", "comments")],
    [("Risk Ref", "ref"), ("Risk Description", "risk"), ("Likelihood", "risklevel"), ("Impact", "risklevel"),
     ("Risk Owner", "officer"), ("Mitigating Action", "comments"), ("Status", "status")],
    [("Priority", "priority"), ("Key Task", "commitment"), ("By When", "date"), ("Who", "officer"),
     ("Progress/ Comments", "comments")],
    [("Objective", "priority"), ("Measure", "indicator"), ("Target", "target"), ("Progress", "comments"),
     ("Officer", "officer")],
    [("Ref", "ref"), ("Commitment", "commitment"), ("Responsible Officer", "officer"), ("Comments On Progress", "comments")],
    [("Ref.", "ref"), ("Service Area", "dept"), ("Commitment / Target", "commitment"), ("Date Due", "date"),
     ("Officer Responsible", "officer"), ("Red/ Amber/ Green", "status"), ("Progress Update", "comments")],
    [("Item", "no"), ("Scheme", "priority"), ("Total Cost £000", "money"), ("Budget 2008/09 £000", "money"),
     ("Actual to Date £000", "money"), ("Variance £000", "money"), ("Comments", "comments")],
    [("BVPI", "piref"), ("Description", "indicator"), ("2006/07 Actual", "number"), ("2007/08 Target", "number"),
     ("Quartile", "level"), ("Comments", "comments")],
    [("REF", "ref"), ("Priority", "priority"), ("We will Achieve", "commitment"), ("Responsible Officer", "officer"),
     ("Target Date", "date"), ("Comments on progress", "comments")],
]

# header synonyms per kind, for composed tables
SYNONYMS = {
    "ref": ["REF", "Ref", "Ref.", "No", "Ref No.", "Action Ref"],
    "no": ["No.", "", "Item", "#"],
    "priority": ["Priority", "Key Priority /Issue", "HIGH PRIORITIES", "Theme", "Objective", "Area for Improvement",
                 "Corporate Priority"],
    "commitment": ["Commitment", "We will Achieve", "Key Action", "Action", "What we will do", "Target / Action",
                   "Action Required", "Improvement Action"],
    "officer": ["Responsible Officer", "Lead Officer", "Responsibility", "Lead", "Officer Responsible", "Who",
                "Lead Officer / Partner"],
    "status": ["Red/Amber/Green?", "RAG Status", "RAG", "Status", "Red/ Amber/ Green/ Achieved",
               "Red/ Amber Green/Achieved", "R/A/G"],
    "comments": ["Comments On Progress", "Comments on progress", "Progress", "Progress to Date", "Update",
                 "Progress/ Comments", "Commentary", "Progress to date and remedial action where applicable"],
    "date": ["Target Date", "Deadline", "Time-Scale (Where Stated)", "Completion Date", "By When", "Due Date",
             "Milestone Date"],
    "money": ["Budget £", "Spend to Date £", "Budget 2008/09 (£)", "Cost £000"],
    "pi": ["Performance Indicator", "PI Ref", "Indicator"],
    "dept": ["Dept.", "Department", "Service"],
    "target": ["TARGET", "Target", "Target 2008/09", "Success Measure"],
    "outcome": ["Outcome", "Expected Outcome", "Outcome / Benefit"],
    "resources": ["Resources", "ADDITIONAL RESOURCES", "Resource Implications"],
    "milestones": ["Milestones", "Key Milestones", "Milestone"],
}
