// Reference works the knowledge base is drawn from; every finding and diagnosis entry cites ids from this list.
// These are standard textbooks, guidelines and consensus papers; entries paraphrase their well-known content.

export const KB_SOURCES = {
  bates:
    "Bickley LS, Szilagyi PG, Hoffman RM, Soriano RP. Bates' Guide to Physical Examination and History Taking, 13th ed. Wolters Kluwer, 2021 (chapters on the cardiovascular system and the thorax and lungs).",
  constant: 'Constant J. Bedside Cardiology, 5th ed. Lippincott Williams & Wilkins, 1999.',
  accaha2020:
    'Otto CM, Nishimura RA, et al. 2020 ACC/AHA Guideline for the Management of Patients With Valvular Heart Disease. Circulation 2021;143:e72–e227.',
  levine:
    'Freeman AR, Levine SA. The clinical significance of the systolic murmur. Ann Intern Med 1933;6:1371–85 (Levine grades 1–6).',
  pasterkamp2016:
    'Pasterkamp H, Brand PLP, Everard M, et al. Towards the standardisation of lung sound nomenclature. Eur Respir J 2016;47:724–32.',
  bohadana2014:
    'Bohadana A, Izbicki G, Kraman SS. Fundamentals of lung auscultation. N Engl J Med 2014;370:744–51.',
  circor:
    'Oliveira J, Renna F, Costa PD, et al. The CirCor DigiScope dataset: from murmur detection to murmur classification. IEEE J Biomed Health Inform 2022;26:2524–35.',
  sprsound:
    'Zhang Q, Zhang J, Yuan J, et al. SPRSound: open-source SJTU paediatric respiratory sound database. IEEE Trans Biomed Circuits Syst 2022;16:867–81.',
} as const;

export type KbSourceId = keyof typeof KB_SOURCES;
