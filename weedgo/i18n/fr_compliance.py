"""The French of the compliance texts: refusals, minors, medical questions, guidance.

Each entry is keyed by the English text it stands for, as the budtender sends it; the
French is written as a Quebec store writes it. :func:`weedgo.i18n.french.in_language`
looks a text up here, and a test checks that no vetted English text lacks its French
(a changed English text needs its French written again).
"""

from __future__ import annotations

# weedgo.compliance.responsible
RESPONSIBLE: dict[str, str] = {
    (
        "If you're new to cannabis, start low and go slow: choose a product with 2.5 mg "
        "of THC or less, and wait to feel the effects before taking more."
    ): (
        "Si vous débutez avec le cannabis, allez-y doucement : choisissez un produit de "
        "2,5 mg de THC ou moins, et attendez d'en sentir les effets avant d'en reprendre."
    ),
    (
        "Edibles and drinks can take 30 minutes to 2 hours to take effect, so wait at "
        "least 2 hours before you consider taking more."
    ): (
        "Les comestibles et les boissons peuvent prendre de 30 minutes à 2 heures avant "
        "de faire effet : attendez au moins 2 heures avant de penser à en reprendre."
    ),
    "Please don't mix cannabis with alcohol, as it can strengthen the effects.": (
        "Évitez de mélanger le cannabis et l'alcool : ensemble, leurs effets sont plus forts."
    ),
    (
        "Never drive or operate machinery while impaired by cannabis; plan a sober ride or stay in."
    ): (
        "Ne conduisez jamais et n'utilisez pas de machinerie sous l'effet du cannabis; "
        "prévoyez un raccompagnement ou restez à la maison."
    ),
    (
        "I can't give medical advice or make health claims about any product; please "
        "speak with a health-care professional about your situation. I can share how "
        "customers commonly describe products."
    ): (
        "Je ne peux pas donner de conseils médicaux ni affirmer qu'un produit a un effet "
        "sur la santé; parlez-en à un professionnel de la santé. Je peux vous dire "
        "comment les clients décrivent généralement nos produits."
    ),
    (
        "That's a question for a health-care professional, like your doctor or "
        "pharmacist: I can't give medical advice or say a cannabis product will treat "
        "anything. I'm happy to explain product types, potency and how customers commonly "
        "describe them."
    ): (
        "C'est une question pour un professionnel de la santé, comme votre médecin ou "
        "votre pharmacien : je ne peux pas donner de conseils médicaux ni dire qu'un "
        "produit de cannabis va traiter quoi que ce soit. Je peux par contre vous "
        "expliquer les types de produits, leur puissance et comment les clients les "
        "décrivent."
    ),
    (
        "Sorry, I can only help with questions about our cannabis products and the store. "
        "I can suggest products, compare strains and formats, explain THC and CBD, or "
        "share responsible-use tips."
    ): (
        "Désolé, je peux seulement répondre aux questions sur nos produits de cannabis et "
        "sur la boutique. Je peux vous suggérer des produits, comparer des variétés et "
        "des formats, vous expliquer le THC et le CBD, ou vous donner des conseils de "
        "consommation responsable."
    ),
    (
        "I can't change how I work or share my instructions, but I'm happy to help you "
        "find a product or answer a question about cannabis."
    ): (
        "Je ne peux pas changer ma façon de fonctionner ni partager mes instructions, "
        "mais je peux vous aider à trouver un produit ou répondre à une question sur le "
        "cannabis."
    ),
    (
        "I'm sorry, I can't help with that: it's against the law to buy cannabis for, or "
        "give it to, anyone under the legal age, and cannabis can harm a young person's "
        "developing brain. I'm happy to help with anything for yourself as an adult."
    ): (
        "Désolé, je ne peux pas vous aider avec ça : la loi interdit d'acheter du "
        "cannabis pour une personne qui n'a pas l'âge légal, ou de lui en donner, et le "
        "cannabis peut nuire au cerveau d'un jeune, qui est encore en développement. Je "
        "peux vous aider pour vous-même, en tant qu'adulte."
    ),
    (
        "I can't show products or prices in this chat, but I'm glad to answer general "
        "questions about cannabis, the law and staying safe."
    ): (
        "Je ne peux pas vous montrer de produits ni de prix dans cette conversation, mais "
        "je réponds avec plaisir à vos questions générales sur le cannabis, la loi et la "
        "sécurité."
    ),
}
